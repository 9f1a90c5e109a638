package org.mailferry.store.mdir;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    @Override
    public Scan scan(Known known) throws IOException {
        Fs.Stamp st = stamp();
        if (st.equals(known.stamp())) {
            return null;
        }
        Map<String, Entry> byName = new HashMap<>();
        for (Entry e : known.entries()) {
            byName.put(e.file(), e);
        }
        List<Entry> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String f = p.getFileName().toString();
                    Entry k = byName.get(f);
                    if (k != null) {
                        out.add(k);
                        continue;
                    }
                    MdirName n = MdirName.parse(f);
                    if (n == null) {
                        if (!f.equals("tmp") && !f.startsWith(".")) {
                            LOG.warn("{}: ignoring file {} (not a message name)", dir, f);
                        }
                        continue;
                    }
                    long size = Files.size(p);
                    out.add(new Entry(n.uid(), new Flags(Flags.fromBits(n.systemBits()), java.util.Set.of()), n.date(),
                            size, 0, -1, 0, size, true, fp(n, size), f, true));
                }
            }
        }
        out.sort(Comparator.comparingLong(Entry::uid));
        return new Scan(out, true, 0, 0, st, 0);
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
        return new InputStream() {
            long left = len;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int l) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int r = in.read(b, off, (int) Math.min(l, left));
                if (r > 0) {
                    left -= r;
                }
                return r;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
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
