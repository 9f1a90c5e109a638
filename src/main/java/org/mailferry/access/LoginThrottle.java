package org.mailferry.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per client address and per login name within a window. Past the limit for either, logins
 * from that address or for that name are refused without checking the password until the window ends, and the
 * reply stays the same as for a wrong password (so it tells nothing). Every failure is answered after a delay
 * that doubles with each failure (up to 8 times the base), so guessing is slow even below the limit.
 *
 * <p>Memory is bounded: at most {@value #MAX_ENTRIES} keys; stale ones are dropped first.
 */
public final class LoginThrottle {
    static final int MAX_ENTRIES = 100_000;

    private final Duration window;
    private final int maxPerAddress;
    private final int maxPerName;
    private final long baseDelayMillis;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private static final class Counter {
        long windowStart;
        int failures;
    }

    public LoginThrottle(Duration window, int maxPerAddress, int maxPerName, long baseDelayMillis, Clock clock) {
        this.window = window;
        this.maxPerAddress = maxPerAddress;
        this.maxPerName = maxPerName;
        this.baseDelayMillis = baseDelayMillis;
        this.clock = clock;
    }

    private int failures(String key) {
        Counter c = counters.get(key);
        if (c == null) {
            return 0;
        }
        synchronized (c) {
            if (clock.millis() - c.windowStart > window.toMillis()) {
                return 0;
            }
            return c.failures;
        }
    }

    /** Whether a login from {@code address} for {@code name} may be checked at all. */
    public boolean allowed(String address, String name) {
        return failures("ip:" + address) < maxPerAddress
                && (name == null || failures("name:" + name.toLowerCase(java.util.Locale.ROOT)) < maxPerName);
    }

    /** Records a failure and returns how long to wait before answering, in milliseconds. */
    public long failed(String address, String name) {
        int n = bump("ip:" + address);
        if (name != null) {
            n = Math.max(n, bump("name:" + name.toLowerCase(java.util.Locale.ROOT)));
        }
        return baseDelayMillis << Math.min(3, Math.max(0, n - 1));
    }

    /** Clears the address's and the name's counters after a successful login. */
    public void succeeded(String address, String name) {
        counters.remove("ip:" + address);
        if (name != null) {
            counters.remove("name:" + name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private int bump(String key) {
        if (counters.size() >= MAX_ENTRIES) {
            prune();
        }
        Counter c = counters.computeIfAbsent(key, k -> new Counter());
        synchronized (c) {
            long now = clock.millis();
            if (now - c.windowStart > window.toMillis()) {
                c.windowStart = now;
                c.failures = 0;
            }
            return ++c.failures;
        }
    }

    private void prune() {
        long now = clock.millis();
        for (Iterator<Counter> it = counters.values().iterator(); it.hasNext(); ) {
            Counter c = it.next();
            if (now - c.windowStart > window.toMillis()) {
                it.remove();
            }
        }
        if (counters.size() >= MAX_ENTRIES) {
            counters.clear(); // an attack with more keys than the bound: start over rather than grow
        }
    }
}
