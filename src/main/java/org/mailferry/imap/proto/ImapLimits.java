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
 */
public record ImapLimits(int maxLineLength, int literalMemoryThreshold, int maxLiterals, long maxCommandBytes,
                         Path tempDir) {
    public ImapLimits {
        if (maxLineLength < 1024 || literalMemoryThreshold < 0 || maxLiterals < 1 || maxCommandBytes < 0) {
            throw new IllegalArgumentException("bad IMAP limits");
        }
    }

    public static ImapLimits defaults(Path tempDir) {
        return new ImapLimits(64 * 1024, 256 * 1024, 1000, 1L << 31, tempDir);
    }
}
