package org.mailferry.store;

import java.time.Duration;

/**
 * Server-wide store settings, validated at start and immutable.
 *
 * @param lockTimeout  how long to wait for a mailbox locked by another program before failing with
 *                     {@code INUSE} (legacy mailers hold locks for seconds at most)
 * @param dotlockStale age after which another program's dotlock is taken as abandoned and removed
 *                     (liblockfile and procmail use five minutes)
 * @param fsync        false only in benchmarks of the file formats themselves: acknowledged means on disk
 */
public record StoreSettings(Duration lockTimeout, Duration dotlockStale, boolean fsync) {
    public static final StoreSettings DEFAULT = new StoreSettings(Duration.ofSeconds(30), Duration.ofMinutes(5), true);

    public StoreSettings {
        if (lockTimeout.isNegative() || dotlockStale.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("lockTimeout must be >= 0 and dotlockStale >= 10 s");
        }
    }
}
