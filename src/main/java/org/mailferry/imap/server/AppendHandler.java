package org.mailferry.imap.server;

import java.util.ArrayList;
import java.util.List;
import org.mailferry.imap.proto.ImapCommand;
import org.mailferry.imap.proto.Literal;
import org.mailferry.imap.proto.SequenceSet;
import org.mailferry.store.AppendRequest;
import org.mailferry.store.AppendResult;
import org.mailferry.store.MessageSource;
import org.mailferry.store.StoreException;

/**
 * APPEND and MULTIAPPEND (RFC 3501 §6.3.11, RFC 3502) with APPENDUID (RFC 4315). The literals were spooled by
 * the reader (to disk when large) and are handed to the store as message sources; all messages are stored or
 * none.
 */
final class AppendHandler {
    private AppendHandler() {
    }

    static String append(ImapSession s, ImapCommand.Append c) throws ImapException {
        State.Authenticated a = s.authenticated();
        MailboxNames.Target t = s.names.resolve(a.account(), a.store(), c.mailbox());
        try {
            MailboxNames.checkInsert(a.account(), t, "append to");
            List<AppendRequest> reqs = new ArrayList<>();
            for (ImapCommand.AppendMessage m : c.messages()) {
                if (m.message().size() == 0) {
                    throw ImapException.no("CANNOT", "Empty message");
                }
                reqs.add(new AppendRequest(source(m.message()), FlagArgs.parse(m.flags()),
                        m.internalDate() == null ? null : m.internalDate().toInstant(), null, m.uid()));
            }
            AppendResult r = FidelityHandler.append(t, reqs);
            long[] uids = r.uids().stream().mapToLong(Long::longValue).toArray();
            String kept = FidelityHandler.recordPopUidls(t, c.messages(), r);
            return "[APPENDUID " + r.uidValidity() + " " + SequenceSet.compact(uids) + "] APPEND completed" + kept;
        } catch (StoreException e) {
            throw ImapException.of(e);
        }
    }

    private static MessageSource source(Literal l) {
        return switch (l) {
            case Literal.InMemory m -> MessageSource.ofBytes(m.bytes());
            case Literal.Spooled sp -> MessageSource.ofPath(sp.file());
        };
    }
}
