package org.mailferry.store;

/**
 * A change another session (or this one, or a program outside the server) made to a mailbox, reported
 * by {@link Mailbox#poll()} in the order an IMAP server sends them as untagged responses.
 */
public sealed interface MailboxEvent {
    /**
     * A message left the view: {@code * msn EXPUNGE}. The sequence number is already adjusted for the
     * expunges reported before it in the same list, so the events can be sent one after the other.
     */
    record Expunged(int msn, long uid) implements MailboxEvent {
    }

    /** The view now has {@code count} messages: {@code * count EXISTS} (new messages were added). */
    record Exists(int count) implements MailboxEvent {
    }

    /** Messages were added that no session has seen yet: {@code * count RECENT}. */
    record Recent(int count) implements MailboxEvent {
    }

    /** A message's flags changed: {@code * msn FETCH (FLAGS … MODSEQ …)}. */
    record FlagsChanged(int msn, MessageInfo message) implements MailboxEvent {
    }

    /**
     * The mailbox was replaced or its UIDs were lost (e.g. a legacy program rewrote the file and no UID
     * could be kept): the session must be closed (IMAP: {@code * BYE} or {@code NO [UIDVALIDITY]}).
     */
    record UidValidityChanged(long uidValidity) implements MailboxEvent {
    }

    /** The mailbox was deleted or renamed away: the session must be closed. */
    record Deleted() implements MailboxEvent {
    }
}
