package org.mailferry.store;

import java.time.Instant;

/**
 * One message to append (IMAP APPEND, RFC 3501 §6.3.11; SMTP local delivery; imports and movers).
 *
 * @param source       the message bytes
 * @param flags        its initial flags
 * @param internalDate its internal date, or null for now
 * @param envelopeFrom the return-path written in the mbox From_ line, or null ({@code MAILER-DAEMON})
 * @param uid          the UID to give it, or 0 to let the mailbox choose (the usual case). A given UID is
 *                     taken only when it is at least the mailbox's UIDNEXT (above every UID the mailbox has
 *                     ever given), so UIDs stay unique and ascending; UIDNEXT then moves past it. Movers and
 *                     imports use it to keep a source's UIDs (with {@link AccountStore#create(String,
 *                     MailboxFormat, String, long)} for its UIDVALIDITY).
 */
public record AppendRequest(MessageSource source, Flags flags, Instant internalDate, String envelopeFrom, long uid) {
    /** The largest UID IMAP allows (RFC 3501 §2.3.1.1: a 32-bit unsigned number). */
    public static final long MAX_UID = 0xFFFFFFFFL;

    public AppendRequest {
        if (source == null) {
            throw new IllegalArgumentException("source is required");
        }
        if (flags == null) {
            flags = Flags.NONE;
        }
        if (uid < 0 || uid > MAX_UID) {
            throw new IllegalArgumentException("a UID is 1 to 4294967295 (or 0: chosen by the mailbox)");
        }
    }

    /** A message whose UID the mailbox chooses. */
    public AppendRequest(MessageSource source, Flags flags, Instant internalDate, String envelopeFrom) {
        this(source, flags, internalDate, envelopeFrom, 0);
    }

    public static AppendRequest of(MessageSource source) {
        return new AppendRequest(source, Flags.NONE, null, null, 0);
    }

    /** The same message, to be stored under {@code uid} (see {@link #uid()}). */
    public AppendRequest withUid(long newUid) {
        return new AppendRequest(source, flags, internalDate, envelopeFrom, newUid);
    }
}
