package org.mailferry.store;

import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * One session's open view of a mailbox (IMAP SELECT/EXAMINE, a POP3 maildrop). The view numbers messages
 * 1..{@link #exists()} (message sequence numbers) and changes only when the session calls {@link #poll()},
 * so a session sees other sessions' appends, flag changes and expunges exactly when it may report them
 * (RFC 3501 §7.4.1). Reading a message another session has expunged fails with
 * {@link StoreException.Reason#EXPUNGED}.
 *
 * <p>UID lists given to the methods need not be sorted; UIDs not in the mailbox are ignored. A view is used
 * by one session (one thread at a time); different views of the same mailbox may run in parallel.
 * Permission checks are the caller's.
 */
public interface Mailbox extends AutoCloseable {
    /** The mailbox name as the account knows it ({@code INBOX}, {@code Lists/java}). */
    String name();

    boolean readOnly();

    long uidValidity();

    /** The UID the next appended message will get (as of the last {@link #poll()}). */
    long uidNext();

    /** The mailbox's highest mod-sequence (RFC 7162), as of the last {@link #poll()}. */
    long highestModSeq();

    /** Messages in this view. */
    int exists();

    /** Messages in this view that are recent to this session. */
    int recent();

    /** True when the message is recent for this session ({@code \Recent}). */
    boolean isRecent(long uid);

    /** The view's messages in sequence order: element {@code i} has sequence number {@code i+1}. */
    List<MessageInfo> messages();

    /** The message with sequence number {@code msn} (1-based). */
    MessageInfo message(int msn);

    /** The sequence number of {@code uid} in this view, or 0 when absent. */
    int msn(long uid);

    /** Keywords used in this mailbox (for FLAGS and PERMANENTFLAGS). */
    Set<String> keywords();

    /** The mailbox's figures as this view sees them. */
    MailboxStatus status();

    /**
     * Brings the view up to date and returns what changed since the last call, in reporting order:
     * expunges first, then EXISTS/RECENT, then flag changes. Also notices changes made by other programs
     * (legacy mailers appending to the file).
     */
    List<MailboxEvent> poll() throws StoreException;

    /**
     * Calls {@code listener} (from any thread, briefly) whenever the mailbox may have changed, so an idling
     * session can wake up and {@link #poll()}. Changes by programs outside the server are noticed only when
     * some session polls; an IDLE loop should also poll every few seconds. Close the handle to stop.
     */
    AutoCloseable onChange(Runnable listener);

    /** The message's stored bytes, exactly {@link MessageInfo#size()} of them. */
    InputStream open(long uid) throws StoreException;

    /** {@code length} bytes of the message from {@code offset} (fewer at its end), for partial FETCH. */
    InputStream open(long uid, long offset, long length) throws StoreException;

    /** Appends messages as one operation (MULTIAPPEND, RFC 3502): all are stored or none. */
    AppendResult append(List<AppendRequest> messages) throws StoreException;

    /**
     * Changes flags of the given messages. With {@code unchangedSince >= 0} (CONDSTORE) a message whose
     * mod-sequence is above it is not changed and is reported in {@link StoreFlagsResult#modified()}.
     * Messages whose flags do not actually change keep their mod-sequence and are not in
     * {@code updated}. The change is durable when this returns.
     */
    StoreFlagsResult store(List<Long> uids, FlagOp op, Flags flags, long unchangedSince) throws StoreException;

    /**
     * Removes messages marked {@code \Deleted}: all of them when {@code uids} is null (EXPUNGE), else only
     * those among {@code uids} (UID EXPUNGE, RFC 4315). Returns the expunged UIDs; the view reports them at
     * the next {@link #poll()}.
     */
    List<Long> expunge(List<Long> uids) throws StoreException;

    /** Copies messages into {@code target} of the same account (COPY, with COPYUID data). */
    CopyResult copy(List<Long> uids, String target) throws StoreException;

    /** Copies messages into a mailbox of another account (shared mailboxes). */
    CopyResult copy(List<Long> uids, AccountStore targetAccount, String target) throws StoreException;

    /** Moves messages (RFC 6851): copies them, then expunges them here whatever their flags. */
    CopyResult move(List<Long> uids, String target) throws StoreException;

    /** Closes the view. Does not expunge (IMAP CLOSE = {@link #expunge} then close). */
    @Override
    void close();
}
