package org.mailferry.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mailboxes of one account: the tree (names use {@code /}; {@code INBOX} is case-insensitive and
 * cannot be deleted; a name ending in {@code /} is a folder only), subscriptions, mailbox classes, ACLs and
 * quota. Obtained from {@link MailStore#account}; safe to use from many threads.
 *
 * <p>Names are Unicode (the IMAP layer decodes modified UTF-7). {@code ~account/mailbox} names of
 * other accounts are resolved by the caller, which opens that account and checks its rights.
 */
public interface AccountStore {
    Path folder();

    AccountConfig config();

    /** Every mailbox and folder of the account, sorted by name, INBOX first. */
    List<MailboxInfo> list() throws StoreException;

    /** The entry for {@code name}, or null when there is no such mailbox or folder. */
    MailboxInfo info(String name) throws StoreException;

    /** Creates a mailbox in the account's default format, or a folder when the name ends in '/'. */
    void create(String name) throws StoreException;

    /** Creates a mailbox in the given format (null: the default) with a class (null: plain mail). */
    void create(String name, MailboxFormat format, String mailboxClass) throws StoreException;

    /**
     * Creates a mailbox as {@link #create(String, MailboxFormat, String)} with the given UIDVALIDITY
     * (1 to 4294967295; 0 lets the store choose), so that a mover or an import can keep a source
     * mailbox's UIDVALIDITY and, appending with {@link AppendRequest#uid()}, its UIDs.
     */
    void create(String name, MailboxFormat format, String mailboxClass, long uidValidity) throws StoreException;

    /**
     * Gives an existing mailbox that holds no message the UIDVALIDITY {@code uidValidity}; when it differs
     * from the current one UIDs start again at 1 (open sessions see
     * {@link MailboxEvent.UidValidityChanged}). For an INBOX, which always exists, when a mover or an import
     * keeps a source's UIDs. Fails with {@link StoreException.Reason#UIDNOTALLOWED} when the mailbox holds
     * messages.
     */
    void resetUidValidity(String name, long uidValidity) throws StoreException;

    /**
     * Deletes a mailbox (and its folder when it has no children). A name with children keeps its folder:
     * deleting mailbox {@code A} that has {@code A/B} leaves {@code A} as a folder only.
     */
    void delete(String name) throws StoreException;

    /**
     * Renames a mailbox or folder with all names below it. Renaming INBOX moves its messages to the new
     * name and leaves an empty INBOX (RFC 3501 §6.3.5).
     */
    void rename(String from, String to) throws StoreException;

    Set<String> subscriptions() throws StoreException;

    void subscribe(String name) throws StoreException;

    void unsubscribe(String name) throws StoreException;

    /** STATUS figures without opening a session. */
    MailboxStatus status(String name) throws StoreException;

    /** Opens a session view ({@code readOnly}: EXAMINE, no \Recent claimed, no changes allowed). */
    Mailbox open(String name, boolean readOnly) throws StoreException;

    /**
     * The POP3 UIDLs this mailbox's messages had on an old server (UID → UIDL), as recorded by
     * {@link #addPopUidls}; empty when none were, or when the mailbox's UIDVALIDITY has changed since.
     */
    Map<Long, String> popUidls(String mailbox) throws StoreException;

    /**
     * Records old-server POP3 UIDLs (1 to 70 characters from 0x21 to 0x7E, RFC 1939 §7) of messages just
     * appended, under the UIDVALIDITY the append returned; durable when this returns. A POP3 session then shows
     * them instead of the UIDLs it would make, so that POP clients do not fetch those messages again.
     */
    void addPopUidls(String mailbox, long uidValidity, Map<Long, String> uidls) throws StoreException;

    /** Appends messages as one operation (IMAP APPEND / MULTIAPPEND without a selected view). */
    AppendResult append(String mailbox, List<AppendRequest> messages) throws StoreException;

    /**
     * The local-delivery hook: stores one message in {@code mailbox} (usually {@code INBOX}) and returns
     * its UID once it is durable (fsync'ed). Limits are checked; errors carry an SMTP reply.
     */
    long deliver(String mailbox, MessageSource message, String envelopeFrom) throws StoreException;

    /** The mailbox class, or null for plain mail. */
    String mailboxClass(String name) throws StoreException;

    void setMailboxClass(String name, String mailboxClass) throws StoreException;

    /** The mailbox's ACL: identifier → rights letters (RFC 4314 §2.1; "anyone", negative "-name"). */
    Map<String, String> acl(String name) throws StoreException;

    /** Sets (rights non-null) or removes (rights null) one identifier's rights, validated per RFC 4314. */
    void setAcl(String name, String identifier, String rights) throws StoreException;

    QuotaUsage quota() throws StoreException;
}
