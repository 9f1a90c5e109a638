package org.mailferry.store.engine;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs odd things found in mailbox files (garbage before the first From_ line, NUL bytes, long lines,
 * impossible dates, truncated messages, missing fields): each with file and offset, once per scan, and
 * keeps a count so tests and tools can see what was found. At most {@link #MAX_PER_KIND} lines per kind
 * per scan; the rest are summed up.
 */
public final class Anomalies {
    private static final Logger LOG = LoggerFactory.getLogger(Anomalies.class);
    public static final int MAX_PER_KIND = 5;

    private final Path file;
    private final java.util.Map<String, Integer> counts = new java.util.TreeMap<>();

    /** Makes the report of one scan; tests hook in here to see what a scan found. */
    @FunctionalInterface
    public interface Sink {
        Anomalies open(Path file);

        Sink LOG_ONLY = Anomalies::new;
    }

    public Anomalies(Path file) {
        this.file = file;
    }

    public void report(String kind, long offset, String detail) {
        int n = counts.merge(kind, 1, Integer::sum);
        if (n <= MAX_PER_KIND) {
            LOG.warn("{}: {} at offset {}{}", file, kind, offset, detail == null ? "" : " (" + detail + ")");
        }
    }

    /** Logs the totals of kinds that had more reports than were logged. */
    public void finish() {
        counts.forEach((k, n) -> {
            if (n > MAX_PER_KIND) {
                LOG.warn("{}: {} found {} times in all", file, k, n);
            }
        });
    }

    public java.util.Map<String, Integer> counts() {
        return java.util.Collections.unmodifiableMap(counts);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
