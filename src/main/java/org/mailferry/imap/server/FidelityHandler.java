package org.mailferry.imap.server;

import java.util.List;
import org.mailferry.store.AppendRequest;
import org.mailferry.store.AppendResult;
import org.mailferry.store.StoreException;

/**
 * Mailferry's fidelity extension (capability X-MAILFERRY-UIDS, docs/imap.md): {@code CREATE name (X-UIDVALIDITY
 * n)} creates a mailbox with a given UIDVALIDITY, or gives an existing empty one (INBOX) that UIDVALIDITY, and
 * {@code APPEND ... X-UID n} stores a message under a given UID at or above UIDNEXT. Refusals are
 * {@code NO [UIDNOTALLOWED]}. It does not parse (see imap.proto.FidelityExtension) nor check rights (the callers
 * do).
 */
final class FidelityHandler {
    static final String CODE = "UIDNOTALLOWED";

    private FidelityHandler() {
    }

    static String create(MailboxNames.Target t, long uidValidity) throws ImapException {
        if (t.name().endsWith("/")) {
            throw ImapException.no("CANNOT", "A folder has no UIDVALIDITY");
        }
        try {
            if (t.store().info(t.name()) == null) {
                t.store().create(t.name(), null, null, uidValidity);
            } else {
                t.store().resetUidValidity(t.name(), uidValidity);
            }
        } catch (StoreException e) {
            throw refusal(e, "Mailbox " + t.wire() + " exists and holds messages; X-UIDVALIDITY needs it new or "
                    + "empty");
        }
        return "CREATE completed";
    }

    static AppendResult append(MailboxNames.Target t, List<AppendRequest> reqs) throws ImapException,
            StoreException {
        try {
            return t.store().append(t.name(), reqs);
        } catch (StoreException e) {
            throw refusal(e, "X-UID must be at least the mailbox's UIDNEXT and ascending: " + e.getMessage());
        }
    }

    private static ImapException refusal(StoreException e, String text) {
        if (e.reason() == StoreException.Reason.UIDNOTALLOWED) {
            return ImapException.no(CODE, text);
        }
        return ImapException.of(e);
    }
}
