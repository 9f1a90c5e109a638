package org.mailferry.store.mdir;

import org.mailferry.store.engine.LimitedInput;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.mailferry.store.Flags;
import org.mailferry.store.StoreException;
import org.mailferry.store.StoreSettings;
import org.mailferry.store.engine.Backend;
import org.mailferry.store.engine.Entry;
import org.mailferry.store.engine.Fs;
import org.mailferry.store.lock.MailboxLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MailDir mailbox folder (docs/formats.md §3). Appends write {@code tmp/N}, fsync it, rename it to its
 * name and fsync the folder; expunge deletes files; a flag change renames the file (the journal has already
 * made it durable). Other processes are kept out by an fcntl lock on {@code mailferry.lock}.
 */
public final class MdirBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(MdirBackend.class);
    static final String LOCK = ".mailferry/lock";
    private final Path dir;
    private final StoreSettings settings;
    private FileChannel lockCh;

    public MdirBackend(Path dir, StoreSettings settings) {
        this.dir = dir;
        this.settings = settings;
    }

    @Override
    public Path path() {
        return dir;
    }

    @Override
    public Fs.Stamp stamp() throws IOException {
        return Fs.stamp(dir);
    }

    @Override
    public void create() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.resolve("tmp"));
            Fs.syncDir(dir, settings.fsync());
            Fs.syncDir(dir.getParent(), settings.fsync());
        }
    }

    @Override
    public Closeable lock(Duration timeout) throws IOException {
        synchronized (this) {
            if (lockCh == null || !lockCh.isOpen()) {
                create();
                Files.createDirectories(dir.resolve(LOCK).getParent());
                lockCh = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            }
        }
        return MailboxLock.acquire(lockCh, dir.resolve(LOCK), false, timeout, settings.dotlockStale());
    }

    @Override
    public boolean coarseStamp() {
        return true;
    }

    @Override
    public long check(List<Entry> entries, Fs.Stamp stamp) {
        return 0;
    }

    /**
     * Lists the folder. A file whose name a known entry has keeps that entry (found by UID, binary search:
     * the entries ascend by UID); other names are parsed. When every known entry is still there and the new
     * files all have higher UIDs (something appended), the result extends the known list and is not
     * {@code rebuilt}, so sessions only hear of the new messages.
     */
    @Override
    public Scan scan(Known known) throws IOException {
        Fs.Stamp st = stamp();
        if (st.equals(known.stamp())) {
            return null;
        }
        List<Entry> kn = known.entries();
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    names.add(p.getFileName().toString());
                }
            }
        }
        List<String> sorted = inUidOrder(names);
        List<Entry> out = new ArrayList<>(sorted.size());
        int matched = 0;
        long maxKnown = kn.isEmpty() ? 0 : kn.get(kn.size() - 1).uid();
        long minNew = Long.MAX_VALUE;
        int j = 0; // both lists ascend by UID: walk them together, decoding each known entry once
        Entry k = j < kn.size() ? kn.get(j) : null;
        for (String f : sorted) {
            long uid = MdirName.uidOf(f);
            while (k != null && k.uid() < uid) {
                k = ++j < kn.size() ? kn.get(j) : null;
            }
            if (k != null && k.uid() == uid && f.equals(k.file())) {
                out.add(k);
                matched++;
                continue;
            }
            MdirName mn = MdirName.parse(f);
            if (mn == null) {
                LOG.warn("{}: ignoring file {} (not a message name)", dir, f);
                continue;
            }
            long size;
            try {
                size = Files.size(dir.resolve(f));
            } catch (java.nio.file.NoSuchFileException e) {
                continue; // renamed or removed since the listing
            }
            minNew = Math.min(minNew, mn.uid());
            out.add(new Entry(mn.uid(), new Flags(Flags.fromBits(mn.systemBits()), java.util.Set.of()), mn.date(),
                    size, 0, -1, 0, size, true, fp(mn, size), f, true));
        }
        boolean extended = matched == kn.size() && (minNew == Long.MAX_VALUE || minNew > maxKnown);
        return new Scan(out, !extended, 0, 0, st, 0);
    }

    /** The message file names (those starting with a UID) in UID order; sorts packed longs, not objects. */
    private List<String> inUidOrder(List<String> names) {
        long[] order = new long[names.size()]; // uid << 20 | index
        int n = 0;
        boolean packable = names.size() < (1 << 20);
        for (int i = 0; i < names.size(); i++) {
            String f = names.get(i);
            long uid = MdirName.uidOf(f);
            if (uid > 0) {
                packable &= uid < (1L << 40);
                order[n++] = uid << 20 | i;
            } else if (!f.equals("tmp") && !f.startsWith(".")) {
                LOG.warn("{}: ignoring file {} (not a message name)", dir, f);
            }
        }
        List<String> sorted = new ArrayList<>(n);
        if (packable) {
            java.util.Arrays.sort(order, 0, n);
            for (int i = 0; i < n; i++) {
                sorted.add(names.get((int) (order[i] & 0xFFFFF)));
            }
        } else {
            for (String f : names) {
                if (MdirName.uidOf(f) > 0) {
                    sorted.add(f);
                }
            }
            sorted.sort(Comparator.comparingLong(MdirName::uidOf));
        }
        return sorted;
    }

    private static long fp(MdirName n, long size) {
        return (n.uid() * 0x9E3779B97F4A7C15L) ^ (size * 31) ^ n.date();
    }

    @Override
    public List<Entry> append(List<NewMessage> messages, long maxSize) throws IOException {
        create();
        Path tmp = dir.resolve("tmp");
        Files.createDirectories(tmp);
        List<Path> done = new ArrayList<>();
        List<Entry> out = new ArrayList<>();
        try {
            for (NewMessage m : messages) {
                if (maxSize >= 0 && m.source().size() > maxSize) {
                    throw new StoreException(StoreException.Reason.TOOBIG, "message too big");
                }
                Path t = tmp.resolve(m.uid() + "." + ProcessHandle.current().pid() + "." + System.nanoTime());
                done.add(t);
                long size = 0;
                try (FileChannel ch = FileChannel.open(t, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                     InputStream in = m.source().open()) {
                    OutputStream os = Channels.newOutputStream(ch);
                    byte[] b = new byte[65536];
                    for (int r; (r = in.read(b)) > 0; ) {
                        size += r;
                        if (maxSize >= 0 && size > maxSize) {
                            throw new StoreException(StoreException.Reason.TOOBIG, "message too big");
                        }
                        os.write(b, 0, r);
                    }
                    if (settings.fsync()) {
                        ch.force(false);
                    }
                }
                if (m.source().size() >= 0 && size != m.source().size()) {
                    throw new StoreException(StoreException.Reason.BADMESSAGE, "the message was not the announced size");
                }
                MdirName n = new MdirName(m.uid(), m.flags().systemBits(), m.date());
                Path fin = dir.resolve(n.format());
                Fs.rename(t, fin);
                done.set(done.size() - 1, fin);
                out.add(new Entry(m.uid(), m.flags(), m.date(), size, 0, -1, 0, size, true, fp(n, size), n.format(),
                        true));
            }
            Fs.syncDir(dir, settings.fsync());
            return out;
        } catch (IOException | RuntimeException e) {
            for (Path p : done) {
                Files.deleteIfExists(p);
            }
            throw e;
        }
    }

    @Override
    public InputStream read(Entry e, long offset, long length) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(e.file()), StandardOpenOption.READ);
        long from = Math.min(e.size(), Math.max(0, offset));
        ch.position(from);
        InputStream in = Channels.newInputStream(ch);
        long len = Math.min(length, e.size() - from);
        return new LimitedInput(in, len);
    }

    @Override
    public List<Entry> rewrite(List<Entry> all, List<Entry> keep) throws IOException {
        java.util.Set<Long> kept = new java.util.HashSet<>();
        for (Entry e : keep) {
            kept.add(e.uid());
        }
        for (Entry e : all) {
            if (!kept.contains(e.uid())) {
                Files.deleteIfExists(dir.resolve(e.file()));
            }
        }
        Fs.syncDir(dir, settings.fsync());
        return keep;
    }

    @Override
    public Entry flagsChanged(Entry e) throws IOException {
        MdirName n = new MdirName(e.uid(), e.flags().systemBits(), e.date());
        String name = n.format();
        if (name.equals(e.file())) {
            return e;
        }
        Fs.rename(dir.resolve(e.file()), dir.resolve(name));
        return new Entry(e.uid(), e.flags(), e.date(), e.size(), e.modSeq(), e.pos(), e.dataPos(), e.rawLen(),
                e.plain(), e.fingerprint(), name, true);
    }

    @Override
    public void delete() throws IOException {
        close();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (lockCh != null) {
            lockCh.close();
            lockCh = null;
        }
    }
}
