package org.mailferry.pop3.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailferry.pop3.proto.UidlFormat;
import org.mailferry.store.Flag;
import org.mailferry.store.FlagOp;
import org.mailferry.store.Flags;
import org.mailferry.store.Mailbox;
import org.mailferry.store.MessageInfo;
import org.mailferry.store.StoreException;

/**
 * The maildrop of one POP3 session (RFC 1939 §8): the INBOX messages present at login, numbered from 1, their
 * sizes in the form RETR sends them (CRLF line ends; the stuffed dots of the transfer are not counted, as the
 * client removes them), deletion marks applied only by {@link #commit()} at QUIT, and UIDLs that stay the same
 * across sessions and restarts: the UIDL a message had on the old server when a mover kept it (X-UIDL,
 * docs/pop3.md), else by default {@code <UIDVALIDITY>.<UID>}, or as the POP3UIDLFormat server setting says
 * ({@link UidlFormat}). A kept UIDL that another message of the maildrop already shows is not used for the
 * second one (UIDLs are unique in a maildrop, RFC 1939 §7).
 */
final class Maildrop implements AutoCloseable {
    private final Mailbox view;
    private final WireSizes cache;
    private final String key;
    private final List<MessageInfo> messages;
    private final long[] sizes;
    private final BitSet deleted = new BitSet();

    /**
     * @param cache server-wide memory of how many bare LFs each message has
     * @param key   identifies the mailbox in the cache (the account)
     */
    private final UidlFormat uidls;
    private final Map<Long, String> kept;
    private String[] shown;

    Maildrop(Mailbox view, WireSizes cache, String key, UidlFormat uidls, Map<Long, String> kept) {
        this.uidls = uidls;
        this.kept = kept;
        this.view = view;
        this.cache = cache;
        this.key = key + "|" + view.uidValidity();
        this.messages = List.copyOf(view.messages());
        this.sizes = new long[messages.size()];
        java.util.Arrays.fill(sizes, -1);
    }

    int count() {
        return messages.size();
    }

    /** Whether {@code n} names a message that exists and is not marked deleted. */
    boolean valid(long n) {
        return n >= 1 && n <= messages.size() && !deleted.get((int) n - 1);
    }

    MessageInfo message(long n) {
        return messages.get((int) n - 1);
    }

    String uidl(long n) {
        if (shown == null) {
            String[] all = new String[messages.size()];
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < all.length; i++) {
                String k = kept.get(messages.get(i).uid());
                all[i] = k != null && seen.add(k) ? k : null;
            }
            for (int i = 0; i < all.length; i++) {
                if (all[i] == null) {
                    String made = uidls.format(view.uidValidity(), messages.get(i).uid());
                    all[i] = seen.add(made) ? made : made + "." + messages.get(i).uid();
                }
            }
            shown = all;
        }
        return shown[(int) n - 1];
    }

    /** The message's size as sent: stored bytes plus one for each bare LF (sent as CRLF). */
    long size(long n) throws IOException {
        int i = (int) n - 1;
        if (sizes[i] < 0) {
            MessageInfo m = messages.get(i);
            int known = cache.bareLfs(key, m.uid());
            if (known >= 0) {
                sizes[i] = m.size() + known;
                return sizes[i];
            }
            long size = 0;
            try (InputStream in = view.open(m.uid())) {
                byte[] buf = new byte[64 * 1024];
                int prev = -1;
                int r;
                while ((r = in.read(buf)) > 0) {
                    for (int k = 0; k < r; k++) {
                        if (buf[k] == '\n' && prev != '\r') {
                            size++;
                        }
                        prev = buf[k];
                    }
                    size += r;
                }
            }
            cache.remember(key, m.uid(), (int) Math.min(Integer.MAX_VALUE, size - m.size()));
            sizes[i] = size;
        }
        return sizes[i];
    }

    int liveCount() {
        return messages.size() - deleted.cardinality();
    }

    long liveSize() throws IOException {
        long total = 0;
        for (int n = 1; n <= messages.size(); n++) {
            if (valid(n)) {
                total += size(n);
            }
        }
        return total;
    }

    void delete(long n) {
        deleted.set((int) n - 1);
    }

    void reset() {
        deleted.clear();
    }

    InputStream open(long n) throws StoreException {
        return view.open(message(n).uid());
    }

    /** Removes the messages marked deleted (the UPDATE state); durable when it returns. */
    void commit() throws StoreException {
        if (deleted.isEmpty()) {
            return;
        }
        List<Long> uids = new ArrayList<>();
        for (int i = deleted.nextSetBit(0); i >= 0; i = deleted.nextSetBit(i + 1)) {
            uids.add(messages.get(i).uid());
        }
        view.store(uids, FlagOp.ADD, Flags.of(Flag.DELETED), -1);
        view.expunge(uids);
    }

    @Override
    public void close() {
        view.close();
    }
}
