package org.mailferry.store;

/**
 * One entry of an account's mailbox tree, for LIST (RFC 3501 §6.3.8, RFC 5258 attributes).
 *
 * @param name         the full name, {@code /}-separated; {@code INBOX} is always spelt so
 * @param selectable   false for a name that is only a folder ({@code \Noselect})
 * @param hasChildren  true when some mailbox or folder lies below it
 * @param subscribed   true when the name is in the account's subscription list
 * @param format       the storage format, or null for a folder only
 * @param mailboxClass the mailbox class (CGP CLASS, e.g. {@code IPF.Appointment}), or null for plain mail
 */
public record MailboxInfo(String name, boolean selectable, boolean hasChildren, boolean subscribed,
                          MailboxFormat format, String mailboxClass) {
}
