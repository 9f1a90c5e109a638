package org.mailferry.auth;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs slow hash computations (argon2, bcrypt, yescrypt, SHA-crypt, PBKDF2) on a small pool of platform threads,
 * one per CPU (at least two), instead of on the caller's thread.
 *
 * <p>Why: sessions run on virtual threads, which are not preempted; a burst of logins computing 60 ms hashes (or
 * calling libcrypt, which pins the carrier) would occupy every carrier thread and stall all other sessions. Here
 * the caller's virtual thread just waits (unmounted) while the operating system shares the CPUs between this pool
 * and the carriers. The pool also bounds how many hashes run at once, and so the memory argon2 takes (19 MiB each
 * by default); the rest queue in order.
 */
final class SlowHashes {
    static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS,
            Thread.ofPlatform().daemon().name("password-hash-", 1).factory());

    private SlowHashes() {
    }

    /** The value of {@code work}, computed on the pool; {@code onInterrupt} when the caller is interrupted. */
    static <T> T run(Supplier<T> work, T onInterrupt) {
        Future<T> f = POOL.submit(work::get);
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            return onInterrupt;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
