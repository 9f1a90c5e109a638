package org.mailferry.imap.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailferry.imap.proto.ImapCommand;
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
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FidelityHandler.class);
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

    /**
     * Records the X-UIDL of the messages just appended. The messages are stored whatever happens here: a failure
     * is logged and named in the OK text (the client's messages must not be appended twice), else "".
     */
    static String recordPopUidls(MailboxNames.Target t, List<ImapCommand.AppendMessage> messages, AppendResult r) {
        Map<Long, String> uidls = new LinkedHashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).popUidl() != null) {
                uidls.put(r.uids().get(i), messages.get(i).popUidl());
            }
        }
        if (uidls.isEmpty()) {
            return "";
        }
        try {
            t.store().addPopUidls(t.name(), r.uidValidity(), uidls);
            return "";
        } catch (StoreException e) {
            log.error("APPEND to {}: messages stored, but their POP3 UIDLs were not recorded: {}", t.name(), e.getMessage());
            return " (but the X-UIDLs were not recorded: " + e.getMessage() + ")";
        }
    }

    /**
     * {@code XUIDL uid uidl ...} in the selected mailbox: records old-server POP3 UIDLs for messages already there
     * (a mover's final pass), replacing any kept before. Needs a read-write selection and the {@code w} right;
     * every UID must be a message of the mailbox.
     */
    static String xuidl(ImapSession s, ImapCommand.XUidl c) throws ImapException {
        State.Selected sel = s.selected();
        SelectedMailbox box = sel.mailbox();
        if (box.readOnly()) throw ImapException.no("READ-ONLY", "Mailbox is read-only");
        if (!box.may('w')) throw ImapException.no("NOPERM", "No right to change this mailbox's messages");
        java.util.Set<Long> present = new java.util.HashSet<>();
        for (org.mailferry.store.MessageInfo m : box.view.messages()) present.add(m.uid());
        for (Long uid : c.uidls().keySet()) {
            if (!present.contains(uid)) throw ImapException.no("NONEXISTENT", "No message with UID " + uid);
        }
        try {
            box.target.store().addPopUidls(box.target.name(), box.view.uidValidity(), c.uidls());
        } catch (StoreException e) {
            throw ImapException.of(e);
        }
        return "XUIDL completed";
    }

    private static ImapException refusal(StoreException e, String text) {
        if (e.reason() == StoreException.Reason.UIDNOTALLOWED) {
            return ImapException.no(CODE, text);
        }
        return ImapException.of(e);
    }
}
