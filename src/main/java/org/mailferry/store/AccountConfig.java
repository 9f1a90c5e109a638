package org.mailferry.store;

import java.nio.file.Path;
import java.util.Locale;

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
