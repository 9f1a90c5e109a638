package org.mailferry.imap.proto;

import java.nio.file.Path;

/**
 * Limits applied while reading one IMAP command.
 *
 * @param maxLineLength         longest command text (all text parts of one command together)
 * @param literalMemoryThreshold literals up to this size stay in memory; larger ones go to {@code tempDir}
 * @param maxLiterals           most literals in one command (MULTIAPPEND)
 * @param maxCommandBytes       most literal bytes in one command, all literals together
 * @param tempDir               where large literals are spooled
 * @param commandMemory         most literal bytes one command keeps in memory, all literals together; the
 *                              literals after that go to {@code tempDir} whatever their size (a MULTIAPPEND of
 *                              many literals cannot fill the heap)
 */
public record ImapLimits(int maxLineLength, int literalMemoryThreshold, int maxLiterals, long maxCommandBytes,
                         Path tempDir, long commandMemory) {
    public ImapLimits {
        if (maxLineLength < 1024 || literalMemoryThreshold < 0 || maxLiterals < 1 || maxCommandBytes < 0
                || commandMemory < 0) {
            throw new IllegalArgumentException("bad IMAP limits");
        }
    }

    /** Limits with a command memory of 16 literals at the threshold. */
    public ImapLimits(int maxLineLength, int literalMemoryThreshold, int maxLiterals, long maxCommandBytes, Path tempDir) {
        this(maxLineLength, literalMemoryThreshold, maxLiterals, maxCommandBytes, tempDir, 16L * literalMemoryThreshold);
    }

    /**
     * 64 KB of command text, literals of up to 1 MB in memory but 8 MB at most per command (in a mover's
     * MULTIAPPEND batch of 4 MB only messages over 1 MB go through a temp file), 1,000 literals, 2 GB.
     */
    public static ImapLimits defaults(Path tempDir) {
        return new ImapLimits(64 * 1024, 1024 * 1024, 1000, 1L << 31, tempDir, 8L * 1024 * 1024);
    }
}
