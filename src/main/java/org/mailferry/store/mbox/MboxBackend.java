package org.mailferry.store.mbox;

import org.mailferry.store.engine.LimitedInput;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.mailferry.mime.FromLine;
import org.mailferry.mime.MboxQuoting;
import org.mailferry.store.StoreException;
import org.mailferry.store.StoreSettings;
import org.mailferry.store.engine.Anomalies;
import org.mailferry.store.engine.Backend;
import org.mailferry.store.engine.Entry;
import org.mailferry.store.engine.Fs;
import org.mailferry.store.lock.MailboxLock;

/**
 * A text mailbox file: our own {@code .mbox} files and legacy files opened in place (docs/formats.md §1).
 *
 * <p>Appends go to the end in one write sequence and are fsync'ed; a failed append truncates back. Expunge
 * rewrites from the first removed message in place (the file keeps its inode, so legacy mailers waiting on
 * its locks still see the right file), made crash-safe by a redo file: the new tail is first written and
 * fsync'ed to {@code <sidecar>.mfrw}, then copied over, and a redo file found at open is applied again.
 * One channel per file is kept open for reads and fcntl locks (closing any descriptor would drop them).
 */
public final class MboxBackend implements Backend {
    static final int CHECK_BYTES = 4096;
    private final Path file;
    private final Path redo;
    private final boolean dotlock;
    private final StoreSettings settings;
    private final Anomalies.Sink sink;
    private FileChannel ch;
    private long chInode = -1;

    /**
     * @param file    the mbox file
     * @param redo    where the expunge redo file goes (beside the sidecars, in the account folder)
     * @param dotlock true for files legacy mailers share (take {@code file.lock} too)
     */
    public MboxBackend(Path file, Path redo, boolean dotlock, StoreSettings settings, Anomalies.Sink sink) {
        this.file = file;
        this.redo = redo;
        this.dotlock = dotlock;
        this.settings = settings;
        this.sink = sink;
    }

    @Override
    public Path path() {
        return file;
    }

    @Override
    public Fs.Stamp stamp() throws IOException {
        return Fs.stamp(file);
    }

    @Override
    public void create() throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            try {
                Files.createFile(file);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return;
            }
            Fs.syncDir(file.getParent(), settings.fsync());
        }
    }

    private synchronized FileChannel channel() throws IOException {
        Fs.Stamp st = Fs.stamp(file);
        if (ch != null && ch.isOpen() && st.inode() == chInode) {
            return ch;
        }
        if (st == Fs.Stamp.NONE) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        if (ch != null) {
            ch.close();
        }
        ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        chInode = st.inode();
        return ch;
    }

    @Override
    public Closeable lock(Duration timeout) throws IOException {
        for (int i = 0; ; i++) {
            FileChannel c = Files.exists(file) ? channel() : null;
            MailboxLock l = MailboxLock.acquire(c, file, dotlock, timeout, settings.dotlockStale());
            Fs.Stamp st = Fs.stamp(file);
            if (c == null || st.inode() == chInode || i > 5) {
                if (Files.exists(redo)) {
                    recover();
                }
                return l;
            }
            l.close(); // replaced while we waited: lock the new file
        }
    }

    @Override
    public long check(List<Entry> entries, Fs.Stamp stamp) throws IOException {
        if (stamp.size() <= 0 || !Files.exists(file)) {
            return 0;
        }
        long from = Math.max(0, stamp.size() - CHECK_BYTES);
        ByteBuffer b = ByteBuffer.allocate((int) (stamp.size() - from));
        try {
            Fs.readFully(channel(), b, from);
        } catch (java.io.EOFException e) {
            return -1;
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array());
        return crc.getValue();
    }

    @Override
    public Scan scan(Known known) throws IOException {
        Fs.Stamp st = stamp();
        if (st.equals(known.stamp())) {
            return null;
        }
        if (st == Fs.Stamp.NONE || st.size() == 0) {
            return new Scan(List.of(), !known.entries().isEmpty(), 0, 0, st, 0);
        }
        Fs.Stamp ks = known.stamp();
        long from = 0;
        List<Entry> kept = List.of();
        if (ks != Fs.Stamp.NONE && ks.inode() == st.inode() && ks.size() > 0 && st.size() > ks.size()
                && check(known.entries(), ks) == known.check()) {
            from = tailStart(ks.size(), st.size());
            if (from >= 0) {
                kept = known.entries();
            } else {
                from = 0;
            }
        }
        Anomalies an = sink.open(file);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = channel().map(FileChannel.MapMode.READ_ONLY, 0, st.size(), arena);
            Instant fallback = Instant.ofEpochSecond(st.mtimeNanos() / 1_000_000_000L);
            MboxScanner sc = new MboxScanner(seg, st.size(), an, fallback);
            sc.scan(from);
            if (sc.tornAt >= 0 && !sc.entries.isEmpty() && sc.entries.getLast().pos() == sc.tornAt) {
                // an append cut short (the process died): it was never acknowledged; keep its bytes aside
                long cut = sc.tornAt;
                Path aside = redo.resolveSibling(redo.getFileName() + ".torn");
                try (FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    channel().transferTo(cut, st.size() - cut, out);
                }
                org.slf4j.LoggerFactory.getLogger(MboxBackend.class).warn(
                        "{}: removed an incomplete append at offset {} ({} bytes kept in {})", file, cut,
                        st.size() - cut, aside);
                truncate(channel(), cut);
                sc.entries.removeLast();
                Fs.Stamp st2 = stamp();
                List<Entry> all = new ArrayList<>(kept);
                all.addAll(sc.entries);
                an.finish();
                return new Scan(all, true, sc.uidValidityHint, sc.uidNextHint, st2, check(all, st2));
            }
            List<Entry> all = new ArrayList<>(kept.size() + sc.entries.size());
            all.addAll(kept);
            all.addAll(sc.entries);
            an.finish();
            return new Scan(all, from == 0 && !known.entries().isEmpty() || from == 0, sc.uidValidityHint,
                    sc.uidNextHint, st, check(all, st));
        }
    }

    /** Where appended data starts after {@code oldSize}: at "From " maybe after a blank line; else -1. */
    private long tailStart(long oldSize, long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(8, size - oldSize));
        Fs.readFully(channel(), b, oldSize);
        byte[] a = b.array();
        int i = 0;
        while (i < 2 && i < a.length && (a[i] == '\n' || a[i] == '\r')) {
            i++;
        }
        return FromLine.isSeparator(a, i, a.length - i) ? oldSize + i : -1;
    }

    @Override
    public List<Entry> append(List<NewMessage> messages, long maxSize) throws IOException {
        create();
        FileChannel c = channel();
        long start = c.size();
        List<Entry> out = new ArrayList<>();
        List<Path> spools = new ArrayList<>();
        try {
            long pos = start;
            byte[] pad = padding(c, start);
            c.position(pos);
            // one buffer for the batch, flushed after each message: the messages follow each other in the file
            BufferedOutputStream bo = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(c), 65536);
            for (NewMessage m : messages) {
                Spooled s = Spooled.of(m.source(), file.getParent(), maxSize, spools);
                CountingOut co = new CountingOut(bo);
                co.write(pad);
                pad = new byte[0];
                long fromPos = pos + co.count;
                byte[] fromLine = FromLine.format(m.sender(), m.flags().systemBits(), m.uid(), s.size(),
                        m.flags().keywords(), Instant.ofEpochSecond(m.date()));
                co.write(fromLine);
                long dataPos = pos + co.count;
                co.captureFrom(co.count);
                MboxQuoting.Quoter q;
                try (InputStream in = s.open()) {
                    q = MboxQuoting.quote(in, co, maxSize);
                }
                long got = co.count - (dataPos - pos);
                if (got - q.changedLines() != s.size()) {
                    throw new StoreException(StoreException.Reason.BADMESSAGE,
                            "the message was not the announced size");
                }
                long fp = co.fingerprint(s.size(), got);
                boolean nl = s.size() == 0 || co.lastByte == '\n';
                co.write(nl ? new byte[]{'\n'} : new byte[]{'\n', '\n'});
                co.flush();
                out.add(new Entry(m.uid(), m.flags(), m.date(), s.size(), 0, fromPos, dataPos, got,
                        q.changedLines() == 0, fp, null, true));
                pos += co.count;
            }
            if (settings.fsync()) {
                c.force(false);
            }
            return out;
        } catch (MboxQuoting.LimitExceeded e) {
            truncate(c, start);
            throw new StoreException(StoreException.Reason.TOOBIG, "message too big", e);
        } catch (IOException | RuntimeException e) {
            truncate(c, start);
            throw e;
        } finally {
            for (Path p : spools) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void truncate(FileChannel c, long size) throws IOException {
        c.truncate(size);
        if (settings.fsync()) {
            c.force(false);
        }
    }

    /** What to write before a From_ line at {@code end} so that it follows an empty line. */
    private static byte[] padding(FileChannel c, long end) throws IOException {
        if (end == 0) {
            return new byte[0];
        }
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(3, end));
        Fs.readFully(c, b, end - b.capacity());
        byte[] a = b.array();
        int n = a.length;
        boolean endsNl = a[n - 1] == '\n';
        boolean blank = endsNl && (n == 1 || a[n - 2] == '\n' || (n >= 3 && a[n - 2] == '\r' && a[n - 3] == '\n'));
        if (blank) {
            return new byte[0];
        }
        return endsNl ? new byte[]{'\n'} : new byte[]{'\n', '\n'};
    }

    @Override
    public InputStream read(Entry e, long offset, long length) throws IOException {
        FileChannel c = channel();
        if (e.plain()) {
            long from = Math.min(e.size(), Math.max(0, offset));
            long len = Math.min(length, e.size() - from);
            return new ChannelInput(c, e.dataPos() + from, len);
        }
        InputStream unq = Unquoting.stream(new ChannelInput(c, e.dataPos(), e.rawLen()));
        unq.skipNBytes(Math.min(Math.max(0, offset), e.size()));
        return new LimitedInput(unq, Math.min(length, e.size() - Math.min(Math.max(0, offset), e.size())));
    }

    @Override
    public List<Entry> rewrite(List<Entry> all, List<Entry> keep) throws IOException {
        int first = 0;
        while (first < all.size() && first < keep.size() && all.get(first).uid() == keep.get(first).uid()) {
            first++;
        }
        if (first == all.size()) {
            return keep;
        }
        FileChannel c = channel();
        long at = all.get(first).pos();
        List<Entry> out = new ArrayList<>(keep.subList(0, first));
        out.addAll(Rewriter.writeRedo(c, redo, at, keep.subList(first, keep.size()), settings.fsync()));
        recover();
        return out;
    }

    /** Applies a complete redo file, removes an incomplete one. */
    private void recover() throws IOException {
        Rewriter.apply(channel(), redo, settings.fsync());
    }

    @Override
    public Entry flagsChanged(Entry e) {
        return e;
    }

    @Override
    public void delete() throws IOException {
        close();
        Files.deleteIfExists(file);
        Files.deleteIfExists(redo);
        Fs.syncDir(file.getParent(), settings.fsync());
    }

    @Override
    public synchronized void close() throws IOException {
        if (ch != null) {
            ch.close();
            ch = null;
        }
    }
}
