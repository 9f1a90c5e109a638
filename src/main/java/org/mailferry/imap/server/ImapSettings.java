package org.mailferry.imap.server;

import org.mailferry.imap.proto.ImapLimits;

/**
 * IMAP server settings, validated at start.
 *
 * @param limits             command line and literal limits (literal temp files go to its temp directory)
 * @param maxAppendSize      the largest message APPEND accepts (APPENDLIMIT, RFC 7889)
 * @param preAuthLiteral     the largest literal accepted before login
 * @param preAuthTimeoutMillis idle time allowed before login
 * @param idleTimeoutMillis  idle time allowed after login (RFC 3501 §5.4: at least 30 minutes)
 * @param maxBadCommands     consecutive BAD commands after which the connection is closed
 */
public record ImapSettings(ImapLimits limits, long maxAppendSize, int preAuthLiteral, int preAuthTimeoutMillis,
                           int idleTimeoutMillis, int maxBadCommands) {
    public ImapSettings {
        if (maxAppendSize < 1 || preAuthLiteral < 0 || preAuthTimeoutMillis < 1000 || idleTimeoutMillis < 1000
                || maxBadCommands < 1) {
            throw new IllegalArgumentException("bad IMAP settings");
        }
    }

    public static ImapSettings defaults(java.nio.file.Path tempDir) {
        return new ImapSettings(ImapLimits.defaults(tempDir), 50L * 1024 * 1024, 8 * 1024, 2 * 60_000,
                30 * 60_000, 20);
    }
}
