package org.mailferry.store;

/**
 * The figures of IMAP STATUS (RFC 3501 §6.3.10, RFC 7162 §3.1.2.1, RFC 9208 SIZE) for one mailbox.
 *
 * @param messages      number of messages
 * @param recent        messages no session has seen yet
 * @param uidNext       the UID the next appended message will get
 * @param uidValidity   the mailbox's UIDVALIDITY
 * @param unseen        messages without {@code \Seen}
 * @param highestModSeq the highest mod-sequence of the mailbox
 * @param size          total size in bytes of its messages (as {@link MessageInfo#size()} counts)
 * @param deleted       messages with {@code \Deleted}
 */
public record MailboxStatus(int messages, int recent, long uidNext, long uidValidity, int unseen,
                            long highestModSeq, long size, int deleted) {
}
