package org.mailferry.migrate;

import java.nio.file.Path;
import java.util.List;

/**
 * The frozen options of one MoveIMAPMail run (validated by {@link MoveIMAPMail} before this is built).
 * Names follow the seed's flags; the extras (journal, connections, verify, dryRun, report; TLS, login method and
 * back-off in {@link NetOptions}) are Mailferry's.
 */
public record ImapMoveOptions(
        HostPort oldServer, String oldName, String oldPassword,
        HostPort newServer, String newName, String newPassword,
        boolean verbose, String list, String source, String target, List<String> skipMailbox,
        boolean notimeout, boolean delete, boolean nosubscription, boolean subscribed, boolean fetchRFC822,
        boolean byOne, boolean noACL, boolean copyMailboxClass, int fixLongLines,
        Path journalDir, int connections, boolean verify, boolean dryRun, boolean keepUIDs, NetOptions net,
        HostPort sourcePop, HostPort targetPop, boolean automap, Filter filter,
        List<java.util.regex.Pattern> excludes, java.util.Map<String, String> folderMap) {

    /**
     * Which messages a run copies (--maxsize, --maxage, --minage): all by default. A message left out is counted
     * as excluded, not as an error, and its folder is not recorded as complete, so a later run without the
     * filter copies it.
     */
    public record Filter(long maxSize, int maxAgeDays, int minAgeDays) {
        public static final Filter ALL = new Filter(0, 0, 0);

        public boolean active() { return maxSize > 0 || maxAgeDays > 0 || minAgeDays > 0; }

        /** Why {@code size} bytes received at {@code internalDate} (IMAP date-time, or null) are left out, or null. */
        public String excludes(long size, String internalDate, java.time.Instant now) {
            if (maxSize > 0 && size > maxSize) return "larger than --maxsize " + maxSize;
            if ((maxAgeDays > 0 || minAgeDays > 0) && internalDate != null) {
                java.time.Instant at;
                try {
                    at = org.mailferry.imap.proto.ImapDates.parseDateTime(internalDate).toInstant();
                } catch (RuntimeException e) {
                    return null; // a date we cannot read: copied
                }
                if (maxAgeDays > 0 && at.isBefore(now.minus(java.time.Duration.ofDays(maxAgeDays)))) return "older than --maxage " + maxAgeDays;
                if (minAgeDays > 0 && at.isAfter(now.minus(java.time.Duration.ofDays(minAgeDays)))) return "newer than --minage " + minAgeDays;
            }
            return null;
        }
    }

    public int timeoutMillis() { return notimeout ? 3_600_000 : 20_000; }
}
