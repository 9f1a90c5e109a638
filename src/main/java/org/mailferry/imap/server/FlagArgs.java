package org.mailferry.imap.server;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.mailferry.store.Flag;
import org.mailferry.store.Flags;

/** Flag lists of APPEND and STORE (RFC 3501 §2.3.2) as store {@link Flags}; {@code \Recent} is ignored. */
final class FlagArgs {
    private FlagArgs() {
    }

    static Flags parse(List<String> flags) throws ImapException {
        Set<Flag> system = EnumSet.noneOf(Flag.class);
        List<String> keywords = new ArrayList<>();
        for (String f : flags) {
            if (f.startsWith("\\")) {
                Flag sys = Flag.ofImapName(f);
                if (sys != null) {
                    system.add(sys);
                } else if (!f.equalsIgnoreCase("\\Recent")) {
                    throw ImapException.bad("Unknown system flag " + f);
                }
            } else if (Flags.isValidKeyword(f)) {
                keywords.add(f);
            } else {
                throw ImapException.bad("Invalid keyword");
            }
        }
        return Flags.of(system, keywords);
    }

    /** The flags among {@code f} the rights allow changing (RFC 4314 §4: s for \Seen, t for \Deleted, w else). */
    static Flags allowed(Flags f, SelectedMailbox box) {
        Set<Flag> system = EnumSet.noneOf(Flag.class);
        for (Flag x : f.system()) {
            char need = x == Flag.SEEN ? 's' : x == Flag.DELETED ? 't' : 'w';
            if (box.may(need)) {
                system.add(x);
            }
        }
        return Flags.of(system, box.may('w') ? f.keywords() : List.of());
    }
}
