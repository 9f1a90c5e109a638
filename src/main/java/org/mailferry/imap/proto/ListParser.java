package org.mailferry.imap.proto;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The LIST (RFC 3501, LIST-EXTENDED RFC 5258, LIST-STATUS RFC 5819), LSUB and STATUS argument grammar. */
final class ListParser {
    private static final Set<String> SELECTION = Set.of("SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE");
    private static final Set<String> RETURN = Set.of("SUBSCRIBED", "CHILDREN", "SPECIAL-USE", "STATUS");
    static final Set<String> STATUS_ITEMS = Set.of("MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN",
            "HIGHESTMODSEQ", "SIZE", "DELETED", "APPENDLIMIT");

    private ListParser() {
    }

    static ImapCommand list(String tag, Cursor c) {
        c.sp();
        List<String> selection = List.of();
        if (c.peek() == '(') {
            selection = options(c, SELECTION, "selection");
            c.sp();
        }
        String reference = c.astring();
        c.sp();
        List<String> patterns = new ArrayList<>();
        if (c.skip('(')) {
            do {
                patterns.add(c.listMailbox());
            } while (c.skip(' '));
            c.expect(')');
        } else {
            patterns.add(c.listMailbox());
        }
        List<String> returns = List.of();
        List<String> status = null;
        if (c.skip(' ')) {
            if (!c.atom().equalsIgnoreCase("RETURN")) {
                throw new IllegalArgumentException("Expected RETURN");
            }
            c.sp();
            c.expect('(');
            returns = new ArrayList<>();
            while (!c.skip(')')) {
                if (!returns.isEmpty()) {
                    c.sp();
                }
                String o = c.atom().toUpperCase(Locale.ROOT);
                if (!RETURN.contains(o)) {
                    throw new IllegalArgumentException("Unknown return option " + o);
                }
                if (o.equals("STATUS")) {
                    c.sp();
                    status = statusItems(c);
                }
                returns.add(o);
            }
        }
        if (selection.contains("RECURSIVEMATCH") && selection.size() == 1) {
            throw new IllegalArgumentException("RECURSIVEMATCH needs another selection option");
        }
        return new ImapCommand.ListMailboxes(tag, false, selection, reference, patterns, returns, status);
    }

    static ImapCommand lsub(String tag, Cursor c) {
        c.sp();
        String reference = c.astring();
        c.sp();
        String pattern = c.listMailbox();
        return new ImapCommand.ListMailboxes(tag, true, List.of("SUBSCRIBED"), reference, List.of(pattern),
                List.of(), null);
    }

    /** "(" [option *(SP option)] ")" with every option in {@code known}. */
    static List<String> options(Cursor c, Set<String> known, String what) {
        c.expect('(');
        List<String> out = new ArrayList<>();
        while (!c.skip(')')) {
            if (!out.isEmpty()) {
                c.sp();
            }
            String o = c.atom().toUpperCase(Locale.ROOT);
            if (!known.contains(o)) {
                throw new IllegalArgumentException("Unknown " + what + " option " + o);
            }
            out.add(o);
        }
        return out;
    }

    /** "(" status-att *(SP status-att) ")". */
    static List<String> statusItems(Cursor c) {
        List<String> items = options(c, STATUS_ITEMS, "status");
        if (items.isEmpty()) {
            throw new IllegalArgumentException("Empty status item list");
        }
        return items;
    }
}
