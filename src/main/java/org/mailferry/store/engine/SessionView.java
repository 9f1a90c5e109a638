package org.mailferry.store.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mailferry.store.AccountStore;
import org.mailferry.store.AppendRequest;
import org.mailferry.store.AppendResult;
import org.mailferry.store.CopyResult;
import org.mailferry.store.FlagOp;
import org.mailferry.store.Flags;
import org.mailferry.store.Mailbox;
import org.mailferry.store.MailboxEvent;
import org.mailferry.store.MailboxStatus;
import org.mailferry.store.MessageInfo;
import org.mailferry.store.MessageSource;
import org.mailferry.store.StoreException;
import org.mailferry.store.StoreException.Reason;
import org.mailferry.store.StoreFlagsResult;

/**
 * A session's view of a {@link MailboxState}: its own sequence numbering, changed only by {@link #poll()}
 * (RFC 3501 §7.4.1), and its own {@code \Recent} set.
 */
final class SessionView implements Mailbox {
    private final FileAccountStore account;
    private final MailboxState state;
    private final String name;
    private final boolean readOnly;
    private List<MessageInfo> infos = new ArrayList<>();
    private final Set<Long> recent = new HashSet<>();
    private long version = -1;
    private long expungeGen = -1;
    private long hmsSeen;
    private long uidValidity;
    private long uidNext;
    private boolean closed;

    SessionView(FileAccountStore account, MailboxState state, String name, boolean readOnly) throws StoreException {
        this.account = account;
        this.state = state;
        this.name = name;
        this.readOnly = readOnly;
        this.uidValidity = state.uidValidity();
        poll();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public long uidValidity() {
        return uidValidity;
    }

    @Override
    public long uidNext() {
        return uidNext;
    }

    @Override
    public long highestModSeq() {
        return hmsSeen;
    }

    @Override
    public int exists() {
        return infos.size();
    }

    @Override
    public int recent() {
        return recent.size();
    }

    @Override
    public boolean isRecent(long uid) {
        return recent.contains(uid);
    }

    @Override
    public List<MessageInfo> messages() {
        return Collections.unmodifiableList(infos);
    }

    @Override
    public MessageInfo message(int msn) {
        return infos.get(msn - 1);
    }

    @Override
    public int msn(long uid) {
        int lo = 0;
        int hi = infos.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long u = infos.get(mid).uid();
            if (u < uid) {
                lo = mid + 1;
            } else if (u > uid) {
                hi = mid - 1;
            } else {
                return mid + 1;
            }
        }
        return 0;
    }

    @Override
    public Set<String> keywords() {
        return state.keywords();
    }

    @Override
    public MailboxStatus status() {
        int unseen = 0;
        int deleted = 0;
        long size = 0;
        for (MessageInfo m : infos) {
            unseen += m.flags().has(org.mailferry.store.Flag.SEEN) ? 0 : 1;
            deleted += m.flags().has(org.mailferry.store.Flag.DELETED) ? 1 : 0;
            size += m.size();
        }
        return new MailboxStatus(infos.size(), recent.size(), uidNext, uidValidity, unseen, hmsSeen, size, deleted);
    }

    @Override
    public List<MailboxEvent> poll() throws StoreException {
        checkOpen();
        MailboxState.Delta d = state.delta(version, expungeGen, infos.size(), hmsSeen, !readOnly);
        List<MailboxEvent> ev = new ArrayList<>();
        if (d.deleted()) {
            ev.add(new MailboxEvent.Deleted());
            return ev;
        }
        if (version < 0 && d.all() != null) {
            // the first poll builds the view: a lazy one, so opening a large mailbox decodes no message
            List<Entry> all = d.all();
            infos = new EntryInfos(all);
            for (int i = all.size() - 1; !readOnly && i >= 0 && all.get(i).uid() > d.recentFrom(); i--) {
                recent.add(all.get(i).uid());
            }
            caughtUp(d);
            return ev;
        }
        if (version >= 0 && d.uidValidity() != uidValidity) {
            ev.add(new MailboxEvent.UidValidityChanged(d.uidValidity()));
            return ev;
        }
        int before = infos.size();
        List<MessageInfo> added = new ArrayList<>();
        List<Entry> changed = new ArrayList<>();
        if (d.all() != null) {
            List<MessageInfo> next = new ArrayList<>(d.all().size());
            int j = 0;
            int removed = 0;
            long lastUid = infos.isEmpty() ? 0 : infos.get(infos.size() - 1).uid();
            for (int i = 0; i < infos.size(); i++) {
                MessageInfo old = infos.get(i);
                while (j < d.all().size() && d.all().get(j).uid() < old.uid()) {
                    j++; // a message we never saw that is below our highest UID: cannot happen; skip
                }
                if (j < d.all().size() && d.all().get(j).uid() == old.uid()) {
                    Entry e = d.all().get(j);
                    if (e.modSeq() != old.modSeq()) {
                        changed.add(e);
                    }
                    next.add(e.info());
                    j++;
                } else {
                    ev.add(new MailboxEvent.Expunged(i + 1 - removed, old.uid()));
                    recent.remove(old.uid());
                    removed++;
                }
            }
            for (Entry e : d.all()) {
                if (e.uid() > lastUid) {
                    added.add(e.info());
                }
            }
            infos = next;
        } else {
            for (Entry e : d.added()) {
                added.add(e.info());
            }
            changed.addAll(d.changed());
        }
        if (!added.isEmpty()) {
            mutableInfos().addAll(added);
        }
        if (!readOnly) {
            for (MessageInfo m : added) {
                if (m.uid() > d.recentFrom()) {
                    recent.add(m.uid());
                }
            }
        }
        if (!added.isEmpty()) {
            ev.add(new MailboxEvent.Exists(infos.size()));
            ev.add(new MailboxEvent.Recent(recent.size()));
        }
        for (Entry e : changed) {
            int msn = msn(e.uid());
            if (msn > 0 && infos.get(msn - 1).modSeq() != e.modSeq()) {
                mutableInfos().set(msn - 1, e.info());
                ev.add(new MailboxEvent.FlagsChanged(msn, e.info()));
            }
        }
        if (version < 0) {
            ev.clear(); // the first poll builds the view: nothing to report
        }
        caughtUp(d);
        return ev;
    }

    private void caughtUp(MailboxState.Delta d) {
        version = d.version();
        expungeGen = d.expungeGen();
        hmsSeen = d.hms();
        uidNext = d.uidNext();
        uidValidity = d.uidValidity();
    }

    /** The view's list to change: a lazy one is copied first. */
    private List<MessageInfo> mutableInfos() {
        if (infos instanceof EntryInfos) {
            infos = new ArrayList<>(infos);
        }
        return infos;
    }

    /** The messages of an immutable entry list, each made into a {@link MessageInfo} only when asked for. */
    private static final class EntryInfos extends java.util.AbstractList<MessageInfo>
            implements java.util.RandomAccess {
        private final List<Entry> entries;

        EntryInfos(List<Entry> entries) {
            this.entries = entries;
        }

        @Override
        public MessageInfo get(int i) {
            return entries.get(i).info();
        }

        @Override
        public int size() {
            return entries.size();
        }
    }

    @Override
    public AutoCloseable onChange(Runnable listener) {
        return state.addListener(listener);
    }

    @Override
    public InputStream open(long uid) throws StoreException {
        return open(uid, 0, Long.MAX_VALUE);
    }

    @Override
    public InputStream open(long uid, long offset, long length) throws StoreException {
        checkOpen();
        return state.read(uid, offset, length);
    }

    @Override
    public AppendResult append(List<AppendRequest> messages) throws StoreException {
        checkWritable();
        return account.append(name, messages);
    }

    @Override
    public StoreFlagsResult store(List<Long> uids, FlagOp op, Flags flags, long unchangedSince)
            throws StoreException {
        checkWritable();
        StoreFlagsResult r = state.store(uids, op, flags, unchangedSince);
        for (MessageInfo m : r.updated()) {
            int msn = msn(m.uid());
            if (msn > 0) {
                mutableInfos().set(msn - 1, m); // reported by the caller; poll will not report it again
            }
        }
        return r;
    }

    @Override
    public List<Long> expunge(List<Long> uids) throws StoreException {
        checkWritable();
        List<Long> gone = state.expunge(uids, true);
        account.usageChanged();
        return gone;
    }

    @Override
    public CopyResult copy(List<Long> uids, String target) throws StoreException {
        return copy(uids, account, target);
    }

    @Override
    public CopyResult copy(List<Long> uids, AccountStore targetAccount, String target) throws StoreException {
        checkOpen();
        List<Long> src = new ArrayList<>();
        List<AppendRequest> reqs = new ArrayList<>();
        for (long uid : new java.util.TreeSet<>(uids)) {
            int msn = msn(uid);
            if (msn == 0) {
                continue;
            }
            MessageInfo m = infos.get(msn - 1);
            src.add(uid);
            reqs.add(new AppendRequest(new MessageSource() {
                @Override
                public InputStream open() throws IOException {
                    return state.read(uid, 0, Long.MAX_VALUE);
                }

                @Override
                public long size() {
                    return m.size();
                }
            }, m.flags(), m.internalDate(), null));
        }
        if (reqs.isEmpty()) {
            return new CopyResult(targetAccount.status(target).uidValidity(), List.of(), List.of());
        }
        AppendResult r = targetAccount.append(target, reqs);
        return new CopyResult(r.uidValidity(), src, r.uids());
    }

    @Override
    public CopyResult move(List<Long> uids, String target) throws StoreException {
        checkWritable();
        CopyResult r = copy(uids, target);
        state.expunge(r.sourceUids(), false);
        account.usageChanged();
        return r;
    }

    private void checkOpen() throws StoreException {
        if (closed) {
            throw new StoreException(Reason.UNAVAILABLE, "the mailbox view is closed");
        }
    }

    private void checkWritable() throws StoreException {
        checkOpen();
        if (readOnly) {
            throw new StoreException(Reason.NOPERM, "the mailbox is open read-only");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
