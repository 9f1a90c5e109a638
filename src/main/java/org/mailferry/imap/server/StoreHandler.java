package org.mailferry.imap.server;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailferry.imap.proto.ImapCommand;
import org.mailferry.imap.proto.SequenceSet;
import org.mailferry.store.FlagOp;
import org.mailferry.store.Flags;
import org.mailferry.store.MessageInfo;
import org.mailferry.store.StoreException;
import org.mailferry.store.StoreFlagsResult;

/**
 * STORE and UID STORE (RFC 3501 §6.4.6) with UNCHANGEDSINCE and the MODIFIED response code (RFC 7162 §3.1.3).
 * Flags the user has no right to change (RFC 4314 §4) are left alone.
 */
final class StoreHandler {
    private StoreHandler() {
    }

    static String store(ImapSession s, ImapCommand.Store c) throws ImapException, IOException {
        SelectedMailbox box = s.selected().mailbox();
        if (box.readOnly()) {
            throw ImapException.no("READ-ONLY", "Mailbox is read-only");
        }
        if (c.unchangedSince() >= 0) {
            s.condstore = true;
        }
        List<Long> uids = box.uids(c.set(), c.uid());
        Flags flags = FlagArgs.allowed(FlagArgs.parse(c.flags()), box);
        FlagOp op = switch (c.mode()) {
            case ADD -> FlagOp.ADD;
            case REMOVE -> FlagOp.REMOVE;
            case REPLACE -> FlagOp.REPLACE;
        };
        StoreFlagsResult r;
        try {
            r = box.view.store(uids, op, flags, c.unchangedSince());
        } catch (StoreException e) {
            throw ImapException.of(e);
        }
        Map<Long, MessageInfo> updated = new HashMap<>();
        for (MessageInfo m : r.updated()) {
            updated.put(m.uid(), m);
        }
        boolean report = !c.silent() || s.condstore;
        for (long uid : uids) {
            int msn = box.view.msn(uid);
            MessageInfo m = updated.get(uid);
            if (msn == 0 || r.modified().contains(uid) || (c.silent() && m == null) || !report) {
                continue;
            }
            if (m == null) {
                m = box.view.message(msn);
            }
            StringBuilder sb = new StringBuilder().append(msn).append(" FETCH (");
            if (c.uid()) {
                sb.append("UID ").append(uid).append(' ');
            }
            sb.append("FLAGS ").append(SelectedMailbox.flags(m.flags(), box.view.isRecent(uid)));
            if (s.condstore) {
                sb.append(" MODSEQ (").append(m.modSeq()).append(')');
            }
            s.out.untagged(sb.append(')').toString());
        }
        if (!r.modified().isEmpty()) {
            long[] nums = r.modified().stream().mapToLong(uid -> c.uid() ? uid : box.view.msn(uid)).sorted()
                    .toArray();
            return "[MODIFIED " + SequenceSet.compact(nums) + "] Conditional STORE failed";
        }
        return "STORE completed";
    }
}
