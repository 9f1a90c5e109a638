/**
 * The mail store: per account a tree of mailboxes, per mailbox UIDs, flags, internal dates, sizes and
 * mod-sequences, kept in CommuniGate Pro's text ({@code .mbox}) or MailDir ({@code .mdir}) formats.
 *
 * <p>Entry points: {@link org.mailferry.store.MailStore} (one per server) opens an
 * {@link org.mailferry.store.AccountStore} from an account folder and an {@link
 * org.mailferry.store.AccountConfig}; an account opens {@link org.mailferry.store.Mailbox} session views.
 * UID, flag, mod-sequence and expunge logic lives once in {@code store.engine}; the formats in
 * {@code store.mbox} and {@code store.mdir} only read and write files; {@code store.lock} takes the locks
 * legacy Unix mailers understand. See docs/store.md and docs/formats.md.
 *
 * <p>Layer: may use {@code org.mailferry.mime} and {@code org.mailferry.util}; knows no protocol, no
 * directory, no socket. Permission checks (ACL rights) are the caller's: the store only keeps the ACL.
 */
package org.mailferry.store;
