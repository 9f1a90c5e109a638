package org.mailferry.store;

import java.time.Instant;

/**
 * What the store knows of one message without reading it.
 *
 * @param uid          the message's UID, unique and ascending within one UIDVALIDITY (RFC 3501 §2.3.1.1)
 * @param flags        its flags
 * @param internalDate its internal date (RFC 3501 §2.3.3), to the second
 * @param size         the exact number of bytes {@link Mailbox#open(long)} returns (RFC822.SIZE)
 * @param modSeq       the mod-sequence of its last change (RFC 7162 §3.1)
 */
public record MessageInfo(long uid, Flags flags, Instant internalDate, long size, long modSeq) {
}
