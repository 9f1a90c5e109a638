package org.mailferry.imap.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.mailferry.imap.proto.ImapWriter;
import org.mailferry.imap.proto.SequenceSet;
import org.mailferry.store.Flag;
import org.mailferry.store.Flags;
import org.mailferry.store.Mailbox;
import org.mailferry.store.MailboxEvent;
import org.mailferry.store.MessageInfo;
import org.mailferry.store.StoreException;

/**
 * The mailbox of the Selected state: the store's session view plus what IMAP adds — the wire name, the rights
 * the user has on it (RFC 4314), sequence-set resolution, and turning the view's changes into untagged
 * EXPUNGE / EXISTS / RECENT / FETCH responses (RFC 3501 §7.4.1, §7.3.1; MODSEQ per RFC 7162).
 */
final class SelectedMailbox implements AutoCloseable {
    final Mailbox view;
    final MailboxNames.Target target;
    final String rights;

    SelectedMailbox(Mailbox view, MailboxNames.Target target, String rights) {
        this.view = view;
        this.target = target;
        this.rights = rights;
    }

    boolean readOnly() {
        return view.readOnly();
    }

    boolean may(char right) {
        return rights.indexOf(right) >= 0;
    }

    /** The UIDs named by a sequence set (of message numbers or, with {@code uid}, UIDs), ascending. */
    List<Long> uids(SequenceSet set, boolean uid) throws ImapException {
        List<MessageInfo> msgs = view.messages();
        TreeSet<Integer> idx = new TreeSet<>();
        if (uid) {
            long star = msgs.isEmpty() ? 0 : msgs.get(msgs.size() - 1).uid();
            for (SequenceSet.Range r : set.ranges()) {
                long a = r.from() == SequenceSet.STAR ? star : r.from();
                long b = r.to() == SequenceSet.STAR ? star : r.to();
                long lo = Math.min(a, b);
                long hi = Math.max(a, b);
                if (msgs.isEmpty() && (r.from() == SequenceSet.STAR || r.to() == SequenceSet.STAR)) {
                    continue;
                }
                for (int i = lowerBound(msgs, lo); i < msgs.size() && msgs.get(i).uid() <= hi; i++) {
                    idx.add(i);
                }
            }
        } else {
            int n = msgs.size();
            for (SequenceSet.Range r : set.ranges()) {
                long a = r.from() == SequenceSet.STAR ? n : r.from();
                long b = r.to() == SequenceSet.STAR ? n : r.to();
                if (a > n || b > n || a < 1 || b < 1) {
                    throw ImapException.bad("Invalid message sequence number " + set);
                }
                for (long i = Math.min(a, b); i <= Math.max(a, b); i++) {
                    idx.add((int) i - 1);
                }
            }
        }
        List<Long> out = new ArrayList<>(idx.size());
        for (int i : idx) {
            out.add(msgs.get(i).uid());
        }
        return out;
    }

    private static int lowerBound(List<MessageInfo> msgs, long uid) {
        int lo = 0;
        int hi = msgs.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (msgs.get(mid).uid() < uid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** {@code (\Seen \Answered … keywords)} with {@code \Recent} when asked. */
    static String flags(Flags f, boolean recent) {
        StringBuilder sb = new StringBuilder("(");
        for (Flag fl : f.system()) {
            sb.append(sb.length() > 1 ? " " : "").append(fl.imapName());
        }
        for (String k : f.keywords()) {
            sb.append(sb.length() > 1 ? " " : "").append(k);
        }
        if (recent) {
            sb.append(sb.length() > 1 ? " " : "").append("\\Recent");
        }
        return sb.append(')').toString();
    }

    /** The FLAGS list of the mailbox: system flags and the keywords in use. */
    String flagList() {
        StringBuilder sb = new StringBuilder("(\\Answered \\Flagged \\Deleted \\Seen \\Draft");
        for (String k : view.keywords()) {
            sb.append(' ').append(k);
        }
        return sb.append(')').toString();
    }

    /**
     * Polls the view and writes the changes as untagged responses.
     *
     * @return false when the mailbox is gone (deleted, UIDVALIDITY changed): the session must end
     */
    boolean sendUpdates(ImapWriter w, boolean condstore) throws IOException, StoreException {
        for (MailboxEvent e : view.poll()) {
            switch (e) {
                case MailboxEvent.Expunged x -> w.untagged(x.msn() + " EXPUNGE");
                case MailboxEvent.Exists x -> w.untagged(x.count() + " EXISTS");
                case MailboxEvent.Recent x -> w.untagged(x.count() + " RECENT");
                case MailboxEvent.FlagsChanged x -> w.untagged(x.msn() + " FETCH (UID " + x.message().uid()
                        + " FLAGS " + flags(x.message().flags(), view.isRecent(x.message().uid()))
                        + (condstore ? " MODSEQ (" + x.message().modSeq() + ")" : "") + ")");
                case MailboxEvent.UidValidityChanged x -> {
                    return false;
                }
                case MailboxEvent.Deleted x -> {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void close() {
        view.close();
    }
}
