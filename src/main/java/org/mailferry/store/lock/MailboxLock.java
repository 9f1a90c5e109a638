package org.mailferry.store.lock;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.mailferry.store.StoreException;

/**
 * Exclusive access to a mailbox file against other processes: an fcntl write lock on the whole file
 * ({@link FileChannel#tryLock()} is {@code fcntl(F_SETLK)} on Linux) and, for files legacy mailers share,
 * the dotlock. Both are tried without blocking, fcntl first then dotlock (Debian Policy §11.6); when the
 * dotlock is busy the fcntl lock is let go before sleeping, so no lock order can deadlock. Gives up with
 * {@link StoreException.Reason#INUSE} after the timeout.
 *
 * <p>fcntl locks belong to the process and are released when any descriptor of the file closes: the
 * caller keeps a single channel per file open for as long as it holds the lock.
 */
public final class MailboxLock implements Closeable {
    private final FileLock fcntl;
    private final DotLock dot;

    private MailboxLock(FileLock fcntl, DotLock dot) {
        this.fcntl = fcntl;
        this.dot = dot;
    }

    /**
     * Takes the locks on {@code file} through {@code channel} (opened for writing).
     *
     * @param dotlock also take {@code file.lock}
     */
    public static MailboxLock acquire(FileChannel channel, Path file, boolean dotlock, Duration timeout,
                                      Duration stale) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long sleep = 5;
        while (true) {
            FileLock fl = channel == null ? null : channel.tryLock();
            if (channel == null || fl != null) {
                if (!dotlock) {
                    return new MailboxLock(fl, null);
                }
                DotLock d;
                try {
                    d = DotLock.tryAcquire(file, stale);
                } catch (IOException e) {
                    if (fl != null) {
                        fl.release();
                    }
                    throw e;
                }
                if (d != null) {
                    return new MailboxLock(fl, d);
                }
                if (fl != null) {
                    fl.release();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new StoreException(StoreException.Reason.INUSE,
                        "the mailbox is locked by another program; try again later");
            }
            try {
                Thread.sleep(sleep + ThreadLocalRandom.current().nextLong(sleep));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(StoreException.Reason.UNAVAILABLE, "interrupted while waiting for a lock");
            }
            sleep = Math.min(sleep * 2, 200);
        }
    }

    /** Releases the dotlock, then the fcntl lock (the reverse order of taking them). */
    @Override
    public void close() throws IOException {
        try {
            if (dot != null) {
                dot.close();
            }
        } finally {
            if (fcntl != null && fcntl.isValid()) {
                fcntl.release();
            }
        }
    }
}
