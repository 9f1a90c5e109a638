package org.mailferry.store.engine;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.mailferry.store.AppendRequest;
import org.mailferry.store.FlagOp;
import org.mailferry.store.Flags;
import org.mailferry.store.MailboxStatus;
import org.mailferry.store.MessageInfo;
import org.mailferry.store.StoreException;
import org.mailferry.store.StoreException.Reason;
import org.mailferry.store.StoreFlagsResult;
import org.mailferry.store.StoreSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mailbox as the server knows it, shared by all sessions of the JVM: the message list with UIDs, flags
 * and mod-sequences, kept in step with the files (our own writes, other processes' writes, legacy mailers)
 * and persisted through the backend, the journal, the index and the metadata (docs/store.md).
 *
 * <p>Every change runs under the in-JVM mutex and the backend's file locks, after a refresh from the files.
 * Mod-sequences are {@code max(previous + 1, now in microseconds)}, so they never go back even when an index
 * is lost and the mailbox is read afresh.
 */
public final class MailboxState implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailboxState.class);
    static final long JOURNAL_COMPACT_BYTES = 1 << 20;

    private final String name;
    private final Backend backend;
    private final Sidecars sc;
    private final StoreSettings settings;
    private final Journal journal;
    private final ReentrantLock mutex = new ReentrantLock();
    private final ReadersGate gate = new ReadersGate();
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** The messages in UID order: an {@link IndexedEntries} read lazily from the index until the first change. */
    private List<Entry> entries = new ArrayList<>();
    /** The index's STATUS figures while {@link #entries} is still the index's own list, else null. */
    private IndexFile.Totals indexTotals;
    private long uidValidity;
    private long uidNext = 1;
    private long hms;
    private Fs.Stamp stamp = Fs.Stamp.NONE;
    private long check;
    private long journalEnd;
    private long version;
    private long expungeGen;
    private long lastFlagModSeq;
    private long recentClaim;
    private boolean indexDirty;
    private boolean loaded;
    private volatile boolean gone;
    private Meta meta = new Meta();
    private final Set<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    public MailboxState(String name, Backend backend, Sidecars sc, StoreSettings settings) {
        this.name = name;
        this.backend = backend;
        this.sc = sc;
        this.settings = settings;
        this.journal = new Journal(sc.journal(), settings.fsync());
    }

    public String name() {
        return name;
    }

    public Backend backend() {
        return backend;
    }

    /** An operation run under both locks after a refresh. */
    @FunctionalInterface
    interface Op<T> {
        T run() throws IOException;
    }

    private <T> T locked(String what, Op<T> op) throws StoreException {
        mutex.lock();
        try {
            if (gone) {
                throw new StoreException(Reason.NONEXISTENT, "the mailbox was deleted");
            }
            try (Closeable l = backend.lock(settings.lockTimeout())) {
                if (!loaded) {
                    load();
                } else {
                    refresh();
                }
                return op.run();
            }
        } catch (StoreException e) {
            throw e;
        } catch (IOException e) {
            LOG.warn("{}: {} failed", backend.path(), what, e);
            throw StoreException.io(what, e);
        } finally {
            mutex.unlock();
        }
    }

    /** Brings the state up to date with the files when they changed (cheap when they did not). */
    public void sync() throws StoreException {
        mutex.lock();
        try {
            if (gone) {
                return;
            }
            if (loaded && backend.stamp().equals(stamp) && journal.size() == journalEnd) {
                return;
            }
        } catch (IOException e) {
            throw StoreException.io("reading the mailbox", e);
        } finally {
            mutex.unlock();
        }
        locked("reading the mailbox", () -> null);
    }

    private void load() throws IOException {
        meta = Meta.read(sc.meta());
        IndexFile idx = IndexFile.read(sc.index());
        if (idx != null && meta.uidValidity != 0 && idx.uidValidity != meta.uidValidity) {
            idx = null;
        }
        entries = idx == null ? new ArrayList<>() : idx.entries;
        indexTotals = idx == null ? null : idx.totals;
        stamp = idx == null ? Fs.Stamp.NONE : idx.stamp;
        check = idx == null ? 0 : idx.check;
        uidValidity = meta.uidValidity != 0 ? meta.uidValidity : idx == null ? 0 : idx.uidValidity;
        uidNext = Math.max(1, Math.max(meta.uidNext, idx == null ? 0 : idx.uidNext));
        hms = idx == null ? 0 : idx.highestModSeq;
        journalEnd = idx == null ? 0 : idx.journalLength;
        if (journal.size() < journalEnd) {
            journalEnd = 0;
        }
        Backend.Scan s = backend.scan(new Backend.Known(entries, stamp, check));
        boolean rebuilt = s != null && s.rebuilt();
        boolean numbered = s != null && reconcile(s);
        replayJournal(rebuilt ? 0 : journalEnd);
        assignModSeqs();
        if (uidValidity == 0) {
            uidValidity = newUidValidity();
        }
        if (meta.uidValidity != uidValidity) {
            meta.uidValidity = uidValidity;
            meta.uidNext = uidNext;
            meta.write(sc.meta(), settings.fsync());
        }
        keywords.clear();
        if (entries instanceof IndexedEntries && idx != null) {
            keywords.addAll(idx.keywords);
        } else {
            for (Entry e : entries) {
                keywords.addAll(e.flags().keywords());
            }
        }
        recentClaim = uidNext - 1;
        loaded = true;
        if (indexDirty && (numbered || idx == null)) {
            writeIndex(); // UIDs the files do not carry are durable only in the index; else it waits for close
        }
    }

    private static long newUidValidity() {
        return Math.max(1, (System.currentTimeMillis() / 1000) & 0xFFFFFFFFL);
    }

    private void refresh() throws IOException {
        Backend.Scan s = backend.scan(new Backend.Known(entries, stamp, check));
        if (s != null) {
            reconcile(s);
            if (s.rebuilt()) {
                replayJournal(0);
            }
        }
        long js = journal.size();
        if (js < journalEnd) {
            loaded = false;
            load(); // compacted by another process: start again from its index
            return;
        }
        if (js > journalEnd) {
            replayJournal(journalEnd);
        }
        assignModSeqs();
        if (s != null) {
            version++;
            notifyListeners();
        }
    }

    /**
     * Takes a scan's entries: keeps known UIDs, finds UIDs for messages the files do not number. Returns true
     * when it gave such UIDs (then written to the index at once when the mailbox is loaded already).
     */
    private boolean reconcile(Backend.Scan s) throws IOException {
        List<Entry> old = entries;
        List<Entry> in = s.entries();
        ArrayList<Entry> out = new ArrayList<>(in.size());
        int start = 0;
        if (!s.rebuilt()) {
            start = Math.min(old.size(), in.size());
            out.addAll(in.subList(0, start));
        }
        boolean trustXuid = s.uidValidityHint() != 0 && (uidValidity == 0 || uidValidity == s.uidValidityHint());
        if (trustXuid && uidValidity == 0) {
            uidValidity = s.uidValidityHint();
            uidNext = Math.max(uidNext, s.uidNextHint());
        }
        Map<Long, Entry> byUid = new HashMap<>();
        Map<Long, Entry> byFp = new HashMap<>();
        Set<Long> dupFp = new HashSet<>();
        if (s.rebuilt()) {
            for (Entry e : old) {
                byUid.put(e.uid(), e);
                if (byFp.put(e.fingerprint(), e) != null) {
                    dupFp.add(e.fingerprint());
                }
            }
        }
        long prev = out.isEmpty() ? 0 : out.get(out.size() - 1).uid();
        boolean assignedLegacy = false;
        for (int i = start; i < in.size(); i++) {
            Entry e = in.get(i);
            long uid = e.uid();
            if (uid != 0 && !e.ours() && !trustXuid) {
                uid = 0;
            }
            if (uid != 0 && uid <= prev) {
                LOG.warn("{}: UID {} at offset {} is not above the one before; giving a new UID", backend.path(),
                        uid, e.pos());
                uid = 0;
            }
            Entry known = uid != 0 ? byUid.get(uid) : null;
            if (uid != 0 && !e.ours() && known != null && known.fingerprint() != e.fingerprint()) {
                uid = 0;
                known = null;
            }
            if (uid == 0 && s.rebuilt() && !dupFp.contains(e.fingerprint())) {
                Entry m = byFp.get(e.fingerprint());
                if (m != null && m.uid() > prev) {
                    uid = m.uid();
                    known = m;
                }
            }
            if (uid == 0) {
                uid = uidNext;
                assignedLegacy = true;
            }
            uidNext = Math.max(uidNext, uid + 1);
            Entry x = e.withUid(uid);
            if (known != null && known.fingerprint() == e.fingerprint()) {
                x = x.withFlags(known.flags(), known.modSeq());
            }
            out.add(x);
            prev = uid;
        }
        uidNext = Math.max(uidNext, s.uidNextHint() > 0 && trustXuid ? s.uidNextHint() : 0);
        if (s.rebuilt() || out.size() < old.size()) {
            expungeGen++;
        }
        entries = out;
        stamp = s.stamp();
        check = s.check();
        indexDirty = true;
        if (assignedLegacy && loaded) {
            writeIndex();
        }
        return assignedLegacy;
    }

    private void replayJournal(long from) throws IOException {
        Journal.Read r = journal.read(from);
        for (Journal.Change c : r.changes()) {
            int i = indexOf(c.uid());
            if (i >= 0 && c.modSeq() > entries.get(i).modSeq()) {
                mutable().set(i, entries.get(i).withFlags(c.flags(), c.modSeq()));
                keywords.addAll(c.flags().keywords());
                lastFlagModSeq = Math.max(lastFlagModSeq, c.modSeq());
            }
            hms = Math.max(hms, c.modSeq());
        }
        if (!r.changes().isEmpty()) {
            version++;
            indexDirty = true;
        }
        journalEnd = r.end();
    }

    private void assignModSeqs() {
        if (entries instanceof IndexedEntries && indexTotals != null && indexTotals.zeroModSeqs() == 0) {
            return; // the index's HIGHESTMODSEQ covers them
        }
        long m = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.modSeq() == 0) {
                if (m == 0) {
                    m = nextModSeq();
                }
                mutable().set(i, e.withModSeq(m));
            }
            hms = Math.max(hms, entries.get(i).modSeq());
        }
    }

    private long nextModSeq() {
        hms = Math.max(hms + 1, System.currentTimeMillis() * 1000);
        return hms;
    }

    /** The list to change: the lazily read index list is copied into an ordinary one first. */
    private ArrayList<Entry> mutable() {
        if (!(entries instanceof ArrayList<Entry> a)) {
            entries = new ArrayList<>(entries);
            indexTotals = null;
            return (ArrayList<Entry>) entries;
        }
        return a;
    }

    private long uidAt(int i) {
        return entries instanceof IndexedEntries ie ? ie.uid(i) : entries.get(i).uid();
    }

    int indexOf(long uid) {
        int lo = 0;
        int hi = entries.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long u = uidAt(mid);
            if (u < uid) {
                lo = mid + 1;
            } else if (u > uid) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private void writeIndex() throws IOException {
        IndexFile x = new IndexFile();
        x.stamp = stamp;
        if (backend.coarseStamp() && System.currentTimeMillis() - stamp.mtimeNanos() / 1_000_000 < 2000) {
            x.stamp = Fs.Stamp.NONE; // racy: a change in the same clock tick would not show in the stamp
        }
        x.check = check;
        x.uidValidity = uidValidity;
        x.uidNext = uidNext;
        x.highestModSeq = hms;
        x.journalLength = journalEnd;
        x.entries = entries;
        x.write(sc.index(), settings.fsync());
        indexDirty = false;
    }

    private void notifyListeners() {
        for (Runnable r : listeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("mailbox listener failed", e);
            }
        }
    }

    // ---- operations -------------------------------------------------------------------------------

    /** Appends messages (all or none); returns their UIDs. {@code maxSize}: per-message limit or -1. */
    public List<Long> append(List<AppendRequest> reqs, long maxSize) throws StoreException {
        return locked("append", () -> {
            List<Backend.NewMessage> nm = new ArrayList<>(reqs.size());
            long uid = uidNext;
            long now = Instant.now().getEpochSecond();
            for (AppendRequest r : reqs) {
                if (r.uid() != 0 && r.uid() < uid) {
                    throw new StoreException(Reason.UIDNOTALLOWED, "UID " + r.uid()
                            + " is not above every UID this mailbox has given (UIDNEXT " + uid + ")");
                }
                uid = r.uid() != 0 ? r.uid() : uid;
                if (uid > AppendRequest.MAX_UID) {
                    throw new StoreException(Reason.UIDNOTALLOWED, "the mailbox has given every UID there is");
                }
                long date = r.internalDate() == null ? now : r.internalDate().getEpochSecond();
                nm.add(new Backend.NewMessage(uid++, r.flags(), date, r.envelopeFrom(), r.source()));
            }
            List<Entry> written = backend.append(nm, maxSize);
            long m = nextModSeq();
            List<Long> uids = new ArrayList<>(written.size());
            for (Entry e : written) {
                mutable().add(e.withModSeq(m));
                keywords.addAll(e.flags().keywords());
                uids.add(e.uid());
            }
            uidNext = uid;
            stamp = backend.stamp();
            check = backend.check(entries, stamp);
            indexDirty = true;
            version++;
            notifyListeners();
            return uids;
        });
    }

    /** Changes flags (see {@link org.mailferry.store.Mailbox#store}). */
    public StoreFlagsResult store(Collection<Long> uids, FlagOp op, Flags flags, long unchangedSince)
            throws StoreException {
        return locked("store flags", () -> {
            List<Long> modified = new ArrayList<>();
            List<Integer> idx = new ArrayList<>();
            List<Flags> newFlags = new ArrayList<>();
            for (long uid : new TreeSet<>(uids)) {
                int i = indexOf(uid);
                if (i < 0) {
                    continue;
                }
                Entry e = entries.get(i);
                if (unchangedSince >= 0 && e.modSeq() > unchangedSince) {
                    modified.add(uid);
                    continue;
                }
                Flags nf = e.flags().apply(op, flags);
                if (!nf.sameAs(e.flags())) {
                    idx.add(i);
                    newFlags.add(nf);
                }
            }
            if (idx.isEmpty()) {
                return new StoreFlagsResult(List.of(), modified);
            }
            long m = nextModSeq();
            List<Journal.Change> changes = new ArrayList<>(idx.size());
            for (int k = 0; k < idx.size(); k++) {
                changes.add(new Journal.Change(entries.get(idx.get(k)).uid(), m, newFlags.get(k)));
            }
            journalEnd = journal.append(journalEnd, changes);
            List<MessageInfo> updated = new ArrayList<>(idx.size());
            for (int k = 0; k < idx.size(); k++) {
                Entry e = backend.flagsChanged(entries.get(idx.get(k)).withFlags(newFlags.get(k), m));
                mutable().set(idx.get(k), e);
                keywords.addAll(e.flags().keywords());
                updated.add(e.info());
            }
            Fs.Stamp st = backend.stamp();
            if (!st.equals(stamp)) {
                stamp = st; // the format renamed files (mdir)
                check = backend.check(entries, stamp);
            }
            lastFlagModSeq = m;
            indexDirty = true;
            if (journalEnd > JOURNAL_COMPACT_BYTES) {
                compact();
            }
            version++;
            notifyListeners();
            return new StoreFlagsResult(updated, modified);
        });
    }

    private void compact() throws IOException {
        journalEnd = 0;
        writeIndex();
        journal.clear();
    }

    /** Expunges \Deleted messages (all, or those among {@code uids}); returns the expunged UIDs. */
    public List<Long> expunge(Collection<Long> uids, boolean onlyDeleted) throws StoreException {
        return locked("expunge", () -> {
            Set<Long> wanted = uids == null ? null : new HashSet<>(uids);
            List<Entry> keep = new ArrayList<>(entries.size());
            List<Long> gone = new ArrayList<>();
            for (Entry e : entries) {
                boolean sel = (wanted == null || wanted.contains(e.uid()))
                        && (!onlyDeleted || e.flags().has(org.mailferry.store.Flag.DELETED));
                if (sel) {
                    gone.add(e.uid());
                } else {
                    keep.add(e);
                }
            }
            if (gone.isEmpty()) {
                return gone;
            }
            gate.awaitNone(settings.lockTimeout());
            // the UIDNEXT floor is made durable before any message file goes: a crash after removing the
            // highest message must not let its UID be given again (the files alone would no longer show it)
            persistUidNext();
            entries = new ArrayList<>(backend.rewrite(entries, keep));
            nextModSeq();
            stamp = backend.stamp();
            check = backend.check(entries, stamp);
            compact();
            expungeGen++;
            version++;
            notifyListeners();
            return gone;
        });
    }

    /** Gives the (empty) mailbox a new UIDVALIDITY; UIDs start at 1 again when it differs from the old one. */
    public void resetUidValidity(long v) throws StoreException {
        locked("setting the UIDVALIDITY", () -> {
            if (v == uidValidity) {
                return null;
            }
            if (!entries.isEmpty()) {
                throw new StoreException(Reason.UIDNOTALLOWED, "the mailbox holds messages: its UIDVALIDITY stays");
            }
            journalEnd = 0;
            journal.clear(); // first: flag changes of old UIDs must not reach new messages of the same UIDs
            uidValidity = v;
            uidNext = 1;
            recentClaim = 0;
            meta.uidValidity = v;
            meta.uidNext = 1;
            meta.write(sc.meta(), settings.fsync());
            writeIndex();
            expungeGen++;
            version++;
            notifyListeners();
            return null;
        });
    }

    private void persistUidNext() throws IOException {
        if (meta.uidNext < uidNext || meta.uidValidity != uidValidity) {
            meta.uidNext = Math.max(meta.uidNext, uidNext);
            meta.uidValidity = uidValidity;
            meta.write(sc.meta(), settings.fsync());
        }
    }

    /** A stream of a message's bytes; fails with EXPUNGED when the message is gone. */
    public InputStream read(long uid, long offset, long length) throws StoreException {
        Entry e;
        mutex.lock();
        try {
            int i = loaded ? indexOf(uid) : -1;
            if (i < 0) {
                throw new StoreException(Reason.EXPUNGED, "the message was expunged");
            }
            e = entries.get(i);
            gate.enter();
        } finally {
            mutex.unlock();
        }
        try {
            InputStream in = backend.read(e, offset, length);
            return new FilterInputStream(in) {
                private boolean closed;

                @Override
                public void close() throws IOException {
                    if (!closed) {
                        closed = true;
                        gate.exit();
                    }
                    super.close();
                }
            };
        } catch (IOException ex) {
            gate.exit();
            throw StoreException.io("reading a message", ex);
        }
    }

    /** A consistent copy of what a session view needs since it last looked. */
    public record Delta(long version, long expungeGen, long uidValidity, long uidNext, long hms, List<Entry> all,
                        List<Entry> added, List<Entry> changed, boolean deleted, long recentFrom) {
    }

    /**
     * What changed since a view at ({@code version}, {@code expungeGen}, {@code count} messages, mod-sequence
     * {@code hmsSeen}); {@code claimRecent} lets the view claim new messages as recent.
     */
    public Delta delta(long seenVersion, long seenExpungeGen, int count, long hmsSeen, boolean claimRecent)
            throws StoreException {
        sync();
        mutex.lock();
        try {
            long recentFrom = recentClaim;
            if (claimRecent) {
                recentClaim = Math.max(recentClaim, uidNext - 1);
            }
            if (gone) {
                return new Delta(version, expungeGen, uidValidity, uidNext, hms, null, List.of(), List.of(), true,
                        recentFrom);
            }
            if (seenVersion == version) {
                return new Delta(version, expungeGen, uidValidity, uidNext, hms, null, List.of(), List.of(), false,
                        recentFrom);
            }
            if (seenExpungeGen != expungeGen || count > entries.size()) {
                return new Delta(version, expungeGen, uidValidity, uidNext, hms, snapshot(), List.of(),
                        List.of(), false, recentFrom);
            }
            List<Entry> changed = new ArrayList<>();
            if (lastFlagModSeq > hmsSeen) {
                for (int i = 0; i < count; i++) {
                    if (entries.get(i).modSeq() > hmsSeen) {
                        changed.add(entries.get(i));
                    }
                }
            }
            return new Delta(version, expungeGen, uidValidity, uidNext, hms, null,
                    List.copyOf(entries.subList(count, entries.size())), changed, false, recentFrom);
        } finally {
            mutex.unlock();
        }
    }

    public MailboxStatus status() throws StoreException {
        sync();
        mutex.lock();
        try {
            if (entries instanceof IndexedEntries ie && indexTotals != null) {
                IndexFile.Totals t = indexTotals; // unchanged since the index: no message is decoded
                return new MailboxStatus(ie.size(), ie.size() - ie.firstAbove(recentClaim), uidNext, uidValidity,
                        t.unseen(), hms, t.size(), t.deleted());
            }
            int unseen = 0;
            int deleted = 0;
            long size = 0;
            int recent = 0;
            for (Entry e : entries) {
                if (!e.flags().has(org.mailferry.store.Flag.SEEN)) {
                    unseen++;
                }
                if (e.flags().has(org.mailferry.store.Flag.DELETED)) {
                    deleted++;
                }
                if (e.uid() > recentClaim) {
                    recent++;
                }
                size += e.size();
            }
            return new MailboxStatus(entries.size(), recent, uidNext, uidValidity, unseen, hms, size, deleted);
        } finally {
            mutex.unlock();
        }
    }

    /** An unmodifiable copy of the entries (the lazily read index list is immutable and shared as it is). */
    private List<Entry> snapshot() {
        return entries instanceof IndexedEntries ? entries : List.copyOf(entries);
    }

    /** All entries now (a copy). */
    public List<Entry> entries() throws StoreException {
        sync();
        mutex.lock();
        try {
            return snapshot();
        } finally {
            mutex.unlock();
        }
    }

    public long uidValidity() throws StoreException {
        sync();
        return uidValidity;
    }

    public Set<String> keywords() {
        mutex.lock();
        try {
            return Set.copyOf(keywords);
        } finally {
            mutex.unlock();
        }
    }

    /** Reads and changes the metadata (class, ACL) under the locks. */
    public <T> T withMeta(java.util.function.Function<Meta, T> change, boolean write) throws StoreException {
        return locked("updating mailbox metadata", () -> {
            T t = change.apply(meta);
            if (write) {
                meta.uidValidity = uidValidity;
                meta.uidNext = Math.max(meta.uidNext, uidNext);
                meta.write(sc.meta(), settings.fsync());
            }
            return t;
        });
    }

    public AutoCloseable addListener(Runnable r) {
        listeners.add(r);
        return () -> listeners.remove(r);
    }

    /** Marks the state gone (mailbox deleted or renamed); sessions see it at their next poll. */
    public void markGone() {
        gone = true;
        version++;
        notifyListeners();
    }

    /** Writes the index when it is behind and closes files. */
    @Override
    public void close() {
        mutex.lock();
        try {
            if (loaded && indexDirty && !gone) {
                try (Closeable l = backend.lock(settings.lockTimeout())) {
                    refresh();
                    writeIndex();
                }
            }
            backend.close();
        } catch (IOException e) {
            LOG.warn("{}: could not write the index at close", backend.path(), e);
        } finally {
            loaded = false;
            mutex.unlock();
        }
    }

    /** Loads the mailbox now (first use), so errors show at open. */
    public void open() throws StoreException {
        locked("opening the mailbox", () -> null);
    }

    public Sidecars sidecars() {
        return sc;
    }
}
