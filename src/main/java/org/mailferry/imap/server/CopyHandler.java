package org.mailferry.imap.server;

import java.util.List;
import org.mailferry.imap.proto.ImapCommand;
import org.mailferry.imap.proto.SequenceSet;
import org.mailferry.store.CopyResult;
import org.mailferry.store.Flag;
import org.mailferry.store.FlagOp;
import org.mailferry.store.Flags;
import org.mailferry.store.StoreException;

/**
 * COPY, MOVE and their UID forms (RFC 3501 §6.4.7, RFC 6851) with COPYUID (RFC 4315). A MOVE reports COPYUID
 * in an untagged OK before the EXPUNGE responses, as RFC 6851 §4.3 asks. Copies into another user's mailbox
 * need the {@code i} right there.
 */
final class CopyHandler {
    private CopyHandler() {
    }

    static String copy(ImapSession s, ImapCommand.Copy c) throws ImapException, java.io.IOException {
        State.Selected sel = s.selected();
        SelectedMailbox box = sel.mailbox();
        List<Long> uids = box.uids(c.set(), c.uid());
        MailboxNames.Target t = s.names.resolve(sel.account(), sel.store(), c.mailbox());
        String verb = c.move() ? "MOVE" : "COPY";
        try {
            MailboxNames.checkInsert(sel.account(), t, "insert into");
            if (c.move() && (box.readOnly() || !box.may('t') || !box.may('e'))) {
                throw ImapException.no("NOPERM", "No right to remove messages from this mailbox");
            }
            if (uids.isEmpty()) {
                return verb + " completed (no messages)";
            }
            boolean sameAccount = t.own() && box.target.own();
            CopyResult r;
            if (c.move() && sameAccount) {
                r = box.view.move(uids, t.name());
            } else {
                r = sameAccount ? box.view.copy(uids, t.name()) : box.view.copy(uids, t.store(), t.name());
                if (c.move()) {
                    box.view.store(uids, FlagOp.ADD, Flags.of(Flag.DELETED), -1);
                    box.view.expunge(uids);
                }
            }
            String code = "COPYUID " + r.uidValidity() + " "
                    + SequenceSet.compact(r.sourceUids().stream().mapToLong(Long::longValue).toArray()) + " "
                    + SequenceSet.compact(r.targetUids().stream().mapToLong(Long::longValue).toArray());
            if (c.move()) {
                s.out.untagged("OK [" + code + "] Moved");
                s.cache.clear();
                return verb + " completed";
            }
            return "[" + code + "] " + verb + " completed";
        } catch (StoreException e) {
            throw ImapException.of(e);
        }
    }
}
