package org.mailferry.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mailferry.smtp.proto.MailAddress;
import org.mailferry.util.AtomicFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent outbound queue in {@code BASE/Queue}: each message is {@code <id>.msg} (its bytes) and
 * {@code <id>.env} ({@link QueueEntry}). An entry is durable before {@link #enqueue} returns (files fsync'ed,
 * renamed into place, directory fsync'ed), survives restarts, and is retried on a backoff schedule until every
 * recipient is delivered or failed, or until it expires — then the pending ones fail. The actual sending is the
 * {@link Worker}'s; recipients that fail are handed to the bounce callback once.
 */
public final class OutboundQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboundQueue.class);

    /** Tries to deliver an entry's pending recipients, marking each with {@link QueueEntry#update}. */
    @FunctionalInterface
    public interface Worker {
        void attempt(QueueEntry entry, Path message);
    }

    /** Told about recipients that failed for good (to send a DSN). */
    @FunctionalInterface
    public interface Bouncer {
        void failed(QueueEntry entry, Path message, List<QueueEntry.Rcpt> failed);
    }

    private final Path dir;
    private final Path tmp;
    private final List<Duration> retries;
    private final Duration expire;
    private final Clock clock;
    private final Map<String, QueueEntry> entries = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final SecureRandom random = new SecureRandom();
    private Thread thread;
    private volatile boolean closed;
    private volatile boolean woken;

    /**
     * @param retries delays after the 1st, 2nd, … failed attempt; the last one repeats
     * @param expire  how long a message may stay queued before its pending recipients fail
     */
    public OutboundQueue(Path dir, List<Duration> retries, Duration expire, Clock clock) throws IOException {
        this.dir = dir;
        this.tmp = dir.resolve("tmp");
        this.retries = List.copyOf(retries);
        this.expire = expire;
        this.clock = clock;
        Files.createDirectories(tmp);
        load();
    }

    /** The folder for spooling incoming messages (same file system, so enqueue is a rename). */
    public Path spoolDir() {
        return tmp;
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.env")) {
            for (Path env : ds) {
                String name = env.getFileName().toString();
                String id = name.substring(0, name.length() - 4);
                if (!Files.exists(dir.resolve(id + ".msg"))) {
                    log.warn("queue: {} has no message file; dropped", env);
                    Files.delete(env);
                    continue;
                }
                try {
                    QueueEntry e = QueueEntry.read(env);
                    entries.put(e.id(), e);
                } catch (IOException e) {
                    log.error("queue: {}", e.getMessage());
                }
            }
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.msg")) {
            for (Path msg : ds) {
                String name = msg.getFileName().toString();
                if (!entries.containsKey(name.substring(0, name.length() - 4))) {
                    Files.delete(msg); // crashed between writing the message and its envelope: never acknowledged
                }
            }
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
            for (Path t : ds) {
                Files.deleteIfExists(t); // spool files of transactions that never committed
            }
        }
        if (!entries.isEmpty()) {
            log.info("queue: {} messages waiting", entries.size());
        }
    }

    /** Starts the delivery thread. */
    public void start(Worker worker, Bouncer bouncer) {
        thread = Thread.ofVirtual().name("queue").start(() -> loop(worker, bouncer));
    }

    /**
     * Moves a spooled, fsync'ed message file into the queue with its envelope; durable when it returns.
     *
     * @return the queue id
     */
    public String enqueue(Path spooled, MailAddress from, String ret, String envid, boolean eightBit,
                          List<QueueEntry.Rcpt> recipients) throws IOException {
        String id = Long.toString(clock.millis(), 36) + Long.toString(random.nextLong() & 0xffffffffL, 36);
        QueueEntry e = new QueueEntry(id, from, ret, envid, eightBit, clock.millis(), 0, clock.millis(), recipients);
        Path msg = dir.resolve(id + ".msg");
        AtomicFile.move(spooled, msg);
        AtomicFile.write(dir.resolve(id + ".env"), e.format().getBytes(StandardCharsets.US_ASCII));
        entries.put(id, e);
        wake();
        return id;
    }

    /** Asks the delivery thread to look at the queue now. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The entries now in the queue, oldest first. */
    public List<QueueEntry> entries() {
        List<QueueEntry> l = new ArrayList<>(entries.values());
        l.sort(Comparator.comparingLong(QueueEntry::created));
        return l;
    }

    private void loop(Worker worker, Bouncer bouncer) {
        while (!closed) {
            long now = clock.millis();
            long nextDue = Long.MAX_VALUE;
            for (QueueEntry e : entries()) {
                if (closed) {
                    return;
                }
                if (e.next() <= now) {
                    process(e, worker, bouncer);
                }
                if (entries.containsKey(e.id())) {
                    nextDue = Math.min(nextDue, e.next());
                }
            }
            lock.lock();
            try {
                long waitMs = Math.max(10, Math.min(60_000, nextDue - clock.millis()));
                if (!woken && !closed) {
                    wake.await(waitMs, TimeUnit.MILLISECONDS);
                }
                woken = false;
            } catch (InterruptedException ex) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    private void process(QueueEntry e, Worker worker, Bouncer bouncer) {
        Path msg = dir.resolve(e.id() + ".msg");
        List<String> failedBefore = e.recipients().stream().filter(r -> r.state() == QueueEntry.State.FAILED)
                .map(QueueEntry.Rcpt::address).toList();
        try {
            worker.attempt(e, msg);
        } catch (RuntimeException ex) {
            log.error("queue: delivery of {} failed unexpectedly", e.id(), ex);
        }
        long now = clock.millis();
        if (!e.finished() && now - e.created() >= expire.toMillis()) {
            for (QueueEntry.Rcpt r : e.pending()) {
                e.update(r.address(), QueueEntry.State.FAILED,
                        "expired after " + expire.toHours() + " hours: " + (r.diagnostic() == null ? "not delivered"
                                : r.diagnostic()));
            }
        }
        List<QueueEntry.Rcpt> newlyFailed = e.recipients().stream()
                .filter(r -> r.state() == QueueEntry.State.FAILED && !failedBefore.contains(r.address())).toList();
        int attempts = e.attempts() + 1;
        e.scheduled(attempts, now + retries.get(Math.min(attempts - 1, retries.size() - 1)).toMillis());
        try {
            if (!e.finished()) {
                AtomicFile.write(dir.resolve(e.id() + ".env"), e.format().getBytes(StandardCharsets.US_ASCII));
            }
            if (!newlyFailed.isEmpty()) {
                bouncer.failed(e, msg, newlyFailed);
            }
            if (e.finished()) {
                entries.remove(e.id());
                Files.deleteIfExists(dir.resolve(e.id() + ".env"));
                Files.deleteIfExists(msg);
            }
        } catch (IOException ex) {
            log.error("queue: cannot update {}: {}", e.id(), ex.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        wake();
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
