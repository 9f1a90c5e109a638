package org.mailferry.store.engine;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets message streams finish before an expunge rewrites the bytes under them: readers enter and leave
 * (from any thread); a rewriter waits until none is inside, up to a timeout after which it goes on (a
 * stream left open by a dead session must not block expunge forever; that stream may then read wrong bytes
 * and is logged).
 */
final class ReadersGate {
    private static final Logger LOG = LoggerFactory.getLogger(ReadersGate.class);
    private int readers;

    synchronized void enter() {
        readers++;
    }

    synchronized void exit() {
        readers--;
        notifyAll();
    }

    synchronized void awaitNone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (readers > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.warn("{} message stream(s) still open while rewriting a mailbox", readers);
                return;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
