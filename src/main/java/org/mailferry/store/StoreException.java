package org.mailferry.store;

import java.io.IOException;

/**
 * A store operation that failed, with a reason that maps to a protocol answer: IMAP response codes
 * (RFC 5530) and SMTP enhanced status codes (RFC 3463). The message is public text that may be shown to a
 * client; it never holds a path. The detail (paths, cause) goes to the log or {@link #getCause()}.
 */
public final class StoreException extends IOException {
    /** Why an operation failed. */
    public enum Reason {
        /** The mailbox does not exist: IMAP {@code [NONEXISTENT]}, SMTP 550 5.1.1. */
        NONEXISTENT("NONEXISTENT", "550 5.2.0", false),
        /** The mailbox already exists: {@code [ALREADYEXISTS]}. */
        ALREADYEXISTS("ALREADYEXISTS", "550 5.2.0", false),
        /** A name that cannot be used (syntax, INBOX rules, reserved endings): {@code [CANNOT]}. */
        CANNOT("CANNOT", "550 5.2.0", false),
        /** The operation is not allowed for this account or mailbox (read-only, INBOX-only): {@code [NOPERM]}. */
        NOPERM("NOPERM", "550 5.2.0", false),
        /** The message is larger than the limit: {@code [TOOBIG]}, SMTP 552 5.3.4. */
        TOOBIG("TOOBIG", "552 5.3.4", false),
        /** The account is over its quota: {@code [OVERQUOTA]}, SMTP 552 5.2.2. */
        OVERQUOTA("OVERQUOTA", "552 5.2.2", false),
        /** A message asked for was expunged by another session: {@code [EXPUNGEISSUED]}. */
        EXPUNGED("EXPUNGEISSUED", "550 5.2.0", false),
        /** The mailbox is locked by another program too long: {@code [INUSE]}, SMTP 450 4.2.0. */
        INUSE("INUSE", "450 4.2.0", true),
        /** A disk or file-system error: {@code [UNAVAILABLE]}, SMTP 451 4.3.0. */
        UNAVAILABLE("UNAVAILABLE", "451 4.3.0", true),
        /** Bad message data (e.g. empty message): {@code [CANNOT]}, SMTP 554 5.6.0. */
        BADMESSAGE("CANNOT", "554 5.6.0", false),
        /**
         * A UID or UIDVALIDITY asked for cannot be given (a UID not above every UID the mailbox gave, a
         * mailbox that is not empty): {@code [CANNOT]}. The caller may append without a UID instead.
         */
        UIDNOTALLOWED("CANNOT", "550 5.2.0", false);

        private final String imapCode;
        private final String smtpReply;
        private final boolean temporary;

        Reason(String imapCode, String smtpReply, boolean temporary) {
            this.imapCode = imapCode;
            this.smtpReply = smtpReply;
            this.temporary = temporary;
        }

        /** The IMAP response code (RFC 5530) without brackets. */
        public String imapCode() {
            return imapCode;
        }

        /** SMTP reply code and enhanced status code, e.g. {@code 452 4.2.2}. */
        public String smtpReply() {
            return smtpReply;
        }

        /** True when trying again later may succeed. */
        public boolean temporary() {
            return temporary;
        }
    }

    private final Reason reason;

    public StoreException(Reason reason, String publicMessage) {
        super(publicMessage);
        this.reason = reason;
    }

    public StoreException(Reason reason, String publicMessage, Throwable cause) {
        super(publicMessage, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Wraps an I/O error as {@link Reason#UNAVAILABLE}, keeping it as the cause. */
    public static StoreException io(String what, IOException e) {
        if (e instanceof StoreException se) {
            return se;
        }
        return new StoreException(Reason.UNAVAILABLE, what + " failed: storage error", e);
    }
}
