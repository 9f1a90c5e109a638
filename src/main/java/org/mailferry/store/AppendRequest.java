package org.mailferry.store;

import java.time.Instant;

/**
 * One message to append (IMAP APPEND, RFC 3501 §6.3.11; SMTP local delivery).
 *
 * @param source       the message bytes
 * @param flags        its initial flags
 * @param internalDate its internal date, or null for now
 * @param envelopeFrom the return-path written in the mbox From_ line, or null ({@code MAILER-DAEMON})
 */
public record AppendRequest(MessageSource source, Flags flags, Instant internalDate, String envelopeFrom) {
    public AppendRequest {
        if (source == null) {
            throw new IllegalArgumentException("source is required");
        }
        if (flags == null) {
            flags = Flags.NONE;
        }
    }

    public static AppendRequest of(MessageSource source) {
        return new AppendRequest(source, Flags.NONE, null, null);
    }
}
