package org.mailferry.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What the store needs to know of an account beyond its folder; built by the directory from the account
 * and domain settings, validated here and immutable.
 *
 * @param defaultFormat    the format of new mailboxes
 * @param inboxOnly        true for single-mailbox accounts (CGP {@code TextMailbox}, {@code MailDirMailbox}):
 *                         only INBOX exists and no mailbox can be created
 * @param legacyInbox      the file kept as INBOX outside the base directory (the "Legacy INBOX", e.g.
 *                         {@code /var/mail/alice}), or null to keep INBOX in the account folder
 * @param maxMessageSize   largest message accepted, in bytes, or -1 for no limit
 * @param maxAccountSize   total bytes of all mailboxes, or -1 for no limit
 * @param maxAccountMessages total messages of all mailboxes, or -1 for no limit
 */
public record AccountConfig(MailboxFormat defaultFormat, boolean inboxOnly, Path legacyInbox,
                            long maxMessageSize, long maxAccountSize, long maxAccountMessages) {

    /** A multi-mailbox account keeping text mailboxes, with no limits. */
    public static final AccountConfig DEFAULT = new AccountConfig(MailboxFormat.MBOX, false, null, -1, -1, -1);

    public AccountConfig {
        if (defaultFormat == null) {
            throw new IllegalArgumentException("defaultFormat is required");
        }
        if (maxMessageSize < -1 || maxAccountSize < -1 || maxAccountMessages < -1) {
            throw new IllegalArgumentException("limits are -1 (none) or a size");
        }
        if (legacyInbox != null) {
            legacyInbox = legacyInbox.toAbsolutePath().normalize();
        }
    }

    /**
     * The configuration for a CGP account type: {@code MultiMailbox} (and the A/B/C-grade types, which are
     * MultiMailbox with extras), {@code TextMailbox} or {@code MailDirMailbox}.
     *
     * @throws IllegalArgumentException for an unknown type
     */
    public static AccountConfig forAccountType(String type, Path legacyInbox) {
        String t = type == null ? "multimailbox" : type.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "multimailbox", "agrade", "bgrade", "cgrade" ->
                    new AccountConfig(MailboxFormat.MBOX, false, legacyInbox, -1, -1, -1);
            case "textmailbox" -> new AccountConfig(MailboxFormat.MBOX, true, legacyInbox, -1, -1, -1);
            case "maildirmailbox" -> new AccountConfig(MailboxFormat.MDIR, true, legacyInbox, -1, -1, -1);
            default -> throw new IllegalArgumentException("unknown account type: " + type
                    + " (expected MultiMailbox, TextMailbox or MailDirMailbox)");
        };
    }

    /**
     * The configuration of an account from its CGP settings, the one mapping the server and the tools share:
     * the account {@code type} (see {@link #forAccountType}); from the account's effective settings
     * {@code LegacyINBOX} (YES: INBOX is {@code legacyInboxPattern} with {@code *} replaced by the account
     * name; the domain's {@code LegacyINBOXPath}, by default {@code /var/mail/*}), {@code MaxMessageSize},
     * {@code MaxAccountSize} and {@code MaxAccountMessages} (a number with an optional K, M or G suffix;
     * {@code unlimited}, {@code default}, absent or unreadable: no limit).
     */
    public static AccountConfig fromSettings(String type, Map<String, ?> effective, Object legacyInboxPattern,
                                             String accountName) {
        Path legacy = null;
        if (yes(effective.get("LegacyINBOX"))) {
            String pattern = legacyInboxPattern == null ? "/var/mail/*" : String.valueOf(legacyInboxPattern);
            legacy = Path.of(pattern.replace("*", accountName));
        }
        return forAccountType(type, legacy).withLimits(size(effective.get("MaxMessageSize")),
                size(effective.get("MaxAccountSize")), size(effective.get("MaxAccountMessages")));
    }

    private static boolean yes(Object v) {
        return v instanceof String s && (s.equalsIgnoreCase("YES") || s.equalsIgnoreCase("true"))
                || Boolean.TRUE.equals(v);
    }

    /** A CGP size setting: a number with an optional K/M/G suffix, or -1 for "no limit". */
    static long size(Object v) {
        if (v == null) {
            return -1;
        }
        String s = String.valueOf(v).strip().toUpperCase(Locale.ROOT);
        long mult = 1;
        if (s.endsWith("K") || s.endsWith("M") || s.endsWith("G")) {
            mult = s.endsWith("K") ? 1024 : s.endsWith("M") ? 1024 * 1024 : 1024L * 1024 * 1024;
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > 12 || !s.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(s) * mult;
    }

    public AccountConfig withLimits(long maxMessageSize, long maxAccountSize, long maxAccountMessages) {
        return new AccountConfig(defaultFormat, inboxOnly, legacyInbox, maxMessageSize, maxAccountSize,
                maxAccountMessages);
    }

    public AccountConfig withFormat(MailboxFormat format) {
        return new AccountConfig(format, inboxOnly, legacyInbox, maxMessageSize, maxAccountSize,
                maxAccountMessages);
    }

    public AccountConfig withLegacyInbox(Path path) {
        return new AccountConfig(defaultFormat, inboxOnly, path, maxMessageSize, maxAccountSize,
                maxAccountMessages);
    }
}
