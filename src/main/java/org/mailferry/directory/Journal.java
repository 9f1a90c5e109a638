package org.mailferry.directory;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.CRC32;
import org.mailferry.util.AtomicFile;
import org.mailferry.util.SyncFs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory's redo journal: it makes a change durable with one fsync instead of one per file and folder.
 *
 * <p>A change is a list of operations — create a folder, replace a small file's content. {@link #commit}
 * appends them as one checksummed record to the current segment ({@code Settings/directory.journal.N}),
 * fsyncs it (one fsync serves every commit waiting at that moment: group commit), and only then applies them
 * to the files, without fsync. A checkpoint (every second when something changed, and before every rename or
 * deletion) starts a new segment, makes the old one's files durable — one {@code syncfs(2)} of the file
 * system, or an fsync per touched file and folder where that call is missing — and deletes it.
 *
 * <p>At start-up, segments left by a crash are replayed in order: folders are created, file contents
 * rewritten; a file whose folder no longer exists is skipped (its account was deleted). Renames and deletions are never journalled: they run after a checkpoint, fsynced, so no segment
 * ever holds operations older than the last rename or deletion, and replaying can never resurrect anything.
 * A torn last record (crash during the append) fails its length or checksum and is ignored: it was never
 * acknowledged.
 */
final class Journal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    private static final String PREFIX = "directory.journal.";
    private static final byte MKDIR = 1;
    private static final byte WRITE = 2;

    /** One operation of a change. */
    sealed interface Op permits Mkdir, Write {
    }

    record Mkdir(Path dir) implements Op {
    }

    record Write(Path file, byte[] content) implements Op {
    }

    private final Path base;
    private final Path dir;
    private final Object appendLock = new Object();      // appending to the segment; guards written
    private final Object checkpointLock = new Object();  // one checkpoint at a time
    private final Object touchedLock = new Object();     // guards touched
    /** Commits hold it shared from append to apply; a checkpoint takes it exclusively to switch segments. */
    private final ReentrantReadWriteLock rotation = new ReentrantReadWriteLock();
    private final ReentrantLock syncLock = new ReentrantLock();
    private final Condition syncDone = syncLock.newCondition();
    private volatile FileChannel segment;
    private long segmentNumber;
    private long written;  // bytes appended to the current segment
    private long synced;   // bytes of the current segment known to be on disk (under syncLock)
    private boolean syncing; // a thread is fsyncing the segment (under syncLock)
    private Set<Path> touched = new LinkedHashSet<>();
    private final List<Path> replayedSegments = new ArrayList<>();
    private final Thread checkpointer;
    private volatile boolean closed;

    private final FileChannel lockFile;

    Journal(Path base, Path dir) throws IOException {
        this.base = base;
        this.dir = dir;
        lockFile = FileChannel.open(dir.resolve("directory.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock;
        try {
            lock = lockFile.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // held by this process already
        }
        if (lock == null) {
            lockFile.close();
            throw new IOException("the base directory " + base + " is in use by another Mailferry process");
        }
        recover();
        openSegment(segmentNumber + 1);
        checkpointer = Thread.ofVirtual().name("directory-checkpoint").start(this::checkpointLoop);
    }

    /**
     * Makes the change durable, then applies it. Commits from several threads share fsyncs (group commit): the
     * first one to need a sync fsyncs everything appended so far, the others wait for it.
     */
    void commit(List<Op> ops) {
        byte[] record = encode(ops);
        rotation.readLock().lock();
        try {
            long end;
            synchronized (appendLock) {
                try {
                    ByteBuffer buf = ByteBuffer.wrap(record);
                    while (buf.hasRemaining()) {
                        segment.write(buf);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the directory journal: " + e.getMessage(), e);
                }
                written += record.length;
                end = written;
            }
            awaitDurable(end);
            Set<Path> applied = new LinkedHashSet<>();
            for (Op op : ops) {
                apply(op, applied);
            }
            synchronized (touchedLock) {
                touched.addAll(applied);
            }
        } finally {
            rotation.readLock().unlock();
        }
    }

    /** Returns once the current segment is fsynced up to {@code end}; one thread fsyncs for all that wait. */
    private void awaitDurable(long end) {
        syncLock.lock();
        try {
            while (synced < end) {
                if (syncing) {
                    syncDone.awaitUninterruptibly();
                    continue;
                }
                syncing = true;
                long target;
                synchronized (appendLock) {
                    target = written;
                }
                IOException failure = null;
                syncLock.unlock();
                try {
                    segment.force(false);
                } catch (IOException e) {
                    failure = e;
                } finally {
                    syncLock.lock();
                    syncing = false;
                    syncDone.signalAll();
                }
                if (failure != null) {
                    throw new UncheckedIOException("cannot fsync the directory journal: " + failure.getMessage(),
                            failure);
                }
                synced = Math.max(synced, target);
            }
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * Makes everything committed so far durable in its own files and empties the journal. Commits in flight are
     * finished (applied) first; with syncfs(2) the whole flush is one call, else each touched path is fsynced.
     */
    void checkpoint() {
        synchronized (checkpointLock) {
            Set<Path> flush;
            FileChannel old;
            long oldNumber;
            rotation.writeLock().lock();
            try {
                synchronized (touchedLock) {
                    if (touched.isEmpty() && replayedSegments.isEmpty()) {
                        return;
                    }
                    flush = touched;
                    touched = new LinkedHashSet<>();
                }
                old = segment;
                oldNumber = segmentNumber;
                try {
                    openSegment(segmentNumber + 1);
                } catch (IOException e) {
                    synchronized (touchedLock) {
                        touched.addAll(flush);
                    }
                    throw new UncheckedIOException("cannot start a directory journal segment: " + e.getMessage(), e);
                }
            } finally {
                rotation.writeLock().unlock();
            }
            try {
                if (!SyncFs.sync(base)) {
                    for (Path p : flush) {
                        fsync(p);
                    }
                }
                old.close();
                Files.delete(segmentPath(oldNumber));
                for (Path p : replayedSegments) {
                    Files.deleteIfExists(p);
                }
                replayedSegments.clear();
                AtomicFile.fsyncDirectory(dir);
            } catch (IOException e) {
                // keep what is not known durable: the old segment stays for replay, its paths are flushed next time
                synchronized (touchedLock) {
                    touched.addAll(flush);
                }
                replayedSegments.add(segmentPath(oldNumber));
                throw new UncheckedIOException("directory checkpoint failed: " + e.getMessage(), e);
            }
        }
    }

    private void checkpointLoop() {
        while (!closed) {
            synchronized (this) {
                try {
                    wait(1000); // close() notifies; never interrupt: an interrupt closes FileChannels mid-fsync
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (closed) {
                return;
            }
            try {
                checkpoint();
            } catch (RuntimeException e) {
                log.error("directory checkpoint failed; the journal keeps the changes", e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            checkpointer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpoint();
        rotation.writeLock().lock();
        try {
            segment.close();
            Files.deleteIfExists(segmentPath(segmentNumber));
            lockFile.close();
        } catch (IOException ignored) {
            // closing
        } finally {
            rotation.writeLock().unlock();
        }
    }

    /** Starts a new segment; callers hold the rotation lock exclusively (or are the constructor). */
    private void openSegment(long number) throws IOException {
        FileChannel next = FileChannel.open(segmentPath(number), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        AtomicFile.fsyncDirectory(dir);
        segmentNumber = number;
        segment = next;
        synchronized (appendLock) {
            written = 0;
        }
        syncLock.lock();
        try {
            synced = 0;
        } finally {
            syncLock.unlock();
        }
    }

    private Path segmentPath(long number) {
        return dir.resolve(PREFIX + number);
    }

    // ---- recovery ------------------------------------------------------------------------------------

    private void recover() throws IOException {
        TreeMap<Long, Path> segments = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path p : ds) {
                try {
                    segments.put(Long.parseLong(p.getFileName().toString().substring(PREFIX.length())), p);
                } catch (NumberFormatException e) {
                    log.warn("ignoring {}: not a journal segment name", p.getFileName());
                }
            }
        }
        int records = 0;
        for (var e : segments.entrySet()) {
            records += replay(e.getValue(), touched);
            segmentNumber = e.getKey();
        }
        // the replayed segments stay until the first checkpoint has flushed what they touched: start-up does not
        // wait for thousands of fsyncs, and a crash before that checkpoint simply replays them again
        replayedSegments.addAll(segments.values());
        if (!segments.isEmpty()) {
            log.info("directory journal: replayed {} changes from {} segments", records, segments.size());
        }
    }

    private int replay(Path segmentFile, Set<Path> replayed) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(segmentFile));
        int records = 0;
        while (buf.remaining() >= 12) {
            int start = buf.position();
            int length = buf.getInt();
            long crc = buf.getLong();
            if (length < 0 || length > buf.remaining()) {
                log.warn("{}: ignoring a torn record at offset {}", segmentFile.getFileName(), start);
                break;
            }
            byte[] payload = new byte[length];
            buf.get(payload);
            CRC32 c = new CRC32();
            c.update(payload);
            if (c.getValue() != crc) {
                log.warn("{}: ignoring a record with a bad checksum at offset {}", segmentFile.getFileName(), start);
                break;
            }
            for (Op op : decode(payload)) {
                apply(op, replayed);
            }
            records++;
        }
        return records;
    }

    // ---- applying ------------------------------------------------------------------------------------

    private void apply(Op op, Set<Path> touchedPaths) {
        try {
            switch (op) {
                case Mkdir m -> {
                    Files.createDirectories(m.dir());
                    touchedPaths.add(m.dir().getParent());
                    touchedPaths.add(m.dir());
                }
                case Write w -> {
                    Path parent = w.file().getParent();
                    if (!Files.isDirectory(parent)) {
                        return; // its folder was renamed or deleted after this change: nothing to redo
                    }
                    Path tmp = parent.resolve(AtomicFile.TEMP_PREFIX + w.file().getFileName());
                    Files.write(tmp, w.content());
                    AtomicFile.move(tmp, w.file());
                    touchedPaths.add(w.file());
                    touchedPaths.add(parent);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot apply a directory change to " + op + ": " + e.getMessage(), e);
        }
    }

    private static void fsync(Path p) throws IOException {
        try {
            if (Files.isDirectory(p)) {
                AtomicFile.fsyncDirectory(p);
            } else {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    ch.force(false);
                }
            }
        } catch (NoSuchFileException e) {
            // renamed or deleted since: that change was fsynced on its own
        }
    }

    // ---- record format: int length, long crc32, then per op: byte type, path, [content] -------------

    private byte[] encode(List<Op> ops) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(payload)) {
            for (Op op : ops) {
                switch (op) {
                    case Mkdir m -> {
                        out.writeByte(MKDIR);
                        writePath(out, m.dir());
                    }
                    case Write w -> {
                        out.writeByte(WRITE);
                        writePath(out, w.file());
                        out.writeInt(w.content().length);
                        out.write(w.content());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] p = payload.toByteArray();
        CRC32 c = new CRC32();
        c.update(p);
        return ByteBuffer.allocate(12 + p.length).putInt(p.length).putLong(c.getValue()).put(p).array();
    }

    private void writePath(DataOutputStream out, Path p) throws IOException {
        byte[] b = base.relativize(p).toString().getBytes(StandardCharsets.UTF_8);
        out.writeShort(b.length);
        out.write(b);
    }

    private List<Op> decode(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload);
        List<Op> ops = new ArrayList<>();
        while (b.hasRemaining()) {
            byte type = b.get();
            byte[] pb = new byte[b.getShort() & 0xffff];
            b.get(pb);
            Path p = base.resolve(new String(pb, StandardCharsets.UTF_8)).normalize();
            if (!p.startsWith(base)) {
                throw new IllegalStateException("journal path outside the base directory: " + p);
            }
            if (type == MKDIR) {
                ops.add(new Mkdir(p));
            } else if (type == WRITE) {
                byte[] content = new byte[b.getInt()];
                b.get(content);
                ops.add(new Write(p, content));
            } else {
                throw new IllegalStateException("unknown journal operation " + type);
            }
        }
        return ops;
    }
}
