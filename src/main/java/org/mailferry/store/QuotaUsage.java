package org.mailferry.store;

/**
 * An account's storage use and limits (RFC 9208 STORAGE and MESSAGE resources).
 *
 * @param bytes        bytes used by all messages of all mailboxes
 * @param bytesLimit   the limit in bytes, or -1 when unlimited
 * @param messages     number of messages in all mailboxes
 * @param messageLimit the limit on messages, or -1 when unlimited
 */
public record QuotaUsage(long bytes, long bytesLimit, long messages, long messageLimit) {
}
