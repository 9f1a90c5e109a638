package org.mailferry.imap.proto;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Every IMAP command the server understands, one record each, as produced by {@link CommandParser}.
 *
 * <p>RFC 3501 plus ENABLE (5161), ID (2971), IDLE (2177), NAMESPACE (2342), UIDPLUS (4315), MOVE (6851),
 * UNSELECT (3691), LIST-EXTENDED (5258), LIST-STATUS (5819), SPECIAL-USE (6154), ACL (4314), QUOTA (9208),
 * MULTIAPPEND (3502), CONDSTORE (7162) and ESEARCH (4731). Mailbox names are kept as sent (modified UTF-7 or,
 * after ENABLE UTF8=ACCEPT, UTF-8); the session decodes them. Commands holding literals must be closed.
 */
public sealed interface ImapCommand {
    String tag();

    // --- any state
    record Capability(String tag) implements ImapCommand {
    }

    record Noop(String tag) implements ImapCommand {
    }

    record Logout(String tag) implements ImapCommand {
    }

    /** ID with the client's fields, or null for {@code ID NIL}. */
    record Id(String tag, Map<String, String> fields) implements ImapCommand {
    }

    // --- not authenticated
    record StartTls(String tag) implements ImapCommand {
    }

    /** AUTHENTICATE; {@code initialResponse} is the SASL-IR argument (base64, "=" for empty) or null. */
    record Authenticate(String tag, String mechanism, String initialResponse) implements ImapCommand {
    }

    record Login(String tag, String user, String password) implements ImapCommand {
        @Override
        public String toString() {
            return "Login[tag=" + tag + ", user=" + user + ", password=***]";
        }
    }

    // --- authenticated
    record Enable(String tag, List<String> capabilities) implements ImapCommand {
    }

    /** SELECT, or EXAMINE when {@code readOnly}. */
    record Select(String tag, String mailbox, boolean readOnly, boolean condstore) implements ImapCommand {
    }

    /**
     * CREATE with its RFC 4466 create-params: USE (RFC 6154) and X-UIDVALIDITY (Mailferry's fidelity extension,
     * docs/imap.md; 0 when absent).
     */
    record Create(String tag, String mailbox, List<String> specialUse, long uidValidity) implements ImapCommand {
        public Create(String tag, String mailbox, List<String> specialUse) {
            this(tag, mailbox, specialUse, 0);
        }
    }

    record Delete(String tag, String mailbox) implements ImapCommand {
    }

    record Rename(String tag, String from, String to) implements ImapCommand {
    }

    record Subscribe(String tag, String mailbox, boolean subscribe) implements ImapCommand {
    }

    /**
     * LIST (and LSUB, as {@code lsub}). {@code statusItems} is the LIST-STATUS request or null.
     */
    record ListMailboxes(String tag, boolean lsub, List<String> selection, String reference, List<String> patterns,
                         List<String> returnOptions, List<String> statusItems) implements ImapCommand {
    }

    record Namespace(String tag) implements ImapCommand {
    }

    record Status(String tag, String mailbox, List<String> items) implements ImapCommand {
    }

    /**
     * One message of APPEND / MULTIAPPEND; {@code uid} is the X-UID append-ext (docs/imap.md), 0 when absent;
     * {@code popUidl} the X-UIDL append-ext, null when absent.
     */
    record AppendMessage(List<String> flags, OffsetDateTime internalDate, Literal message, long uid, String popUidl) {
        public AppendMessage(List<String> flags, OffsetDateTime internalDate, Literal message) {
            this(flags, internalDate, message, 0, null);
        }
    }

    record Append(String tag, String mailbox, List<AppendMessage> messages) implements ImapCommand, AutoCloseable {
        @Override
        public void close() {
            for (AppendMessage m : messages) {
                m.message().close();
            }
        }
    }

    record Idle(String tag) implements ImapCommand {
    }

    record GetAcl(String tag, String mailbox) implements ImapCommand {
    }

    record SetAcl(String tag, String mailbox, String identifier, String rights) implements ImapCommand {
    }

    record DeleteAcl(String tag, String mailbox, String identifier) implements ImapCommand {
    }

    record ListRights(String tag, String mailbox, String identifier) implements ImapCommand {
    }

    record MyRights(String tag, String mailbox) implements ImapCommand {
    }

    record GetQuota(String tag, String root) implements ImapCommand {
    }

    record GetQuotaRoot(String tag, String mailbox) implements ImapCommand {
    }

    record SetQuota(String tag, String root, Map<String, Long> limits) implements ImapCommand {
    }

    // --- selected
    record Check(String tag) implements ImapCommand {
    }

    record Close(String tag) implements ImapCommand {
    }

    /** Mailferry's {@code XUIDL uid uidl [uid uidl ...]} (X-MAILFERRY-UIDS, docs/imap.md): old-server POP3 UIDLs. */
    record XUidl(String tag, java.util.Map<Long, String> uidls) implements ImapCommand {
    }

    record Unselect(String tag) implements ImapCommand {
    }

    /** EXPUNGE, or UID EXPUNGE when {@code uids} is not null. */
    record Expunge(String tag, SequenceSet uids) implements ImapCommand {
    }

    /**
     * SEARCH; {@code returnOptions} is null for a plain SEARCH, else the ESEARCH RETURN options (empty = ALL).
     */
    record Search(String tag, boolean uid, String charset, List<String> returnOptions, SearchKey key)
            implements ImapCommand {
    }

    record Fetch(String tag, boolean uid, SequenceSet set, List<FetchItem> items, long changedSince)
            implements ImapCommand {
    }

    enum StoreMode { REPLACE, ADD, REMOVE }

    /** STORE; {@code unchangedSince} is -1 when absent. */
    record Store(String tag, boolean uid, SequenceSet set, long unchangedSince, StoreMode mode, boolean silent,
                 List<String> flags) implements ImapCommand {
    }

    /** COPY, or MOVE when {@code move}. */
    record Copy(String tag, boolean uid, SequenceSet set, String mailbox, boolean move) implements ImapCommand {
    }
}
