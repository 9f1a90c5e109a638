package org.mailferry.imap.server;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailferry.access.MailAccess;
import org.mailferry.directory.Account;
import org.mailferry.imap.proto.CommandParser;
import org.mailferry.imap.proto.FidelityExtension;
import org.mailferry.imap.proto.ImapCommand;
import org.mailferry.imap.proto.ImapParseException;
import org.mailferry.imap.proto.ImapReader;
import org.mailferry.imap.proto.ImapWriter;
import org.mailferry.imap.proto.RawCommand;
import org.mailferry.net.Connection;
import org.mailferry.net.LineTooLongException;
import org.mailferry.store.AccountStore;
import org.mailferry.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IMAP connection (RFC 3501): reads commands, runs them according to the connection {@link State}, and
 * writes the responses. Large verbs have their own handler class; this file has the loop, the state changes
 * and the small commands. After STARTTLS the state is rebuilt from scratch.
 *
 * <p>Untagged updates of the selected mailbox are sent before the tagged response of every command except
 * FETCH, STORE, SEARCH and COPY by sequence number, during which expunges must not be reported (§7.4.1).
 */
final class ImapSession {
    private static final Logger log = LoggerFactory.getLogger(ImapSession.class);

    final ImapServer server;
    final MailAccess access;
    final Connection conn;
    final ImapWriter out;
    final ImapReader in;
    final MailboxNames names;
    State state = new State.NotAuthenticated();
    boolean condstore;
    private int badInARow;
    final MessageCache cache = new MessageCache();

    ImapSession(ImapServer server, Connection conn) {
        this.server = server;
        this.access = server.access();
        this.conn = conn;
        this.out = new ImapWriter(conn.out());
        this.in = new ImapReader(conn.in(), server.settings().limits(), () -> out.continuation("Ready for literal data"));
        this.names = new MailboxNames(access);
    }

    void run() throws IOException {
        try {
            conn.setTimeout(server.settings().preAuthTimeoutMillis());
            out.untagged("OK [CAPABILITY " + capabilities() + "] " + access.settings().serverName()
                    + " Mailferry IMAP4rev1 ready");
            out.flush();
            while (!(state instanceof State.Logout)) {
                if (!step()) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            out.untagged("BYE Autologout; idle for too long");
        } catch (EOFException e) {
            log.debug("client closed the connection");
        } finally {
            try {
                out.flush();
            } catch (IOException ignored) {
                // the connection is going away
            }
            closeSelected();
        }
    }

    /** Reads and runs one command; false when the connection must end. */
    private boolean step() throws IOException {
        RawCommand raw;
        try {
            raw = in.read(this::literalLimit);
        } catch (ImapParseException e) {
            return refuse(e);
        } catch (LineTooLongException e) {
            out.untagged("BAD [TOOBIG] Command line too long");
            out.flush();
            return e.lineEnded() && ++badInARow < server.settings().maxBadCommands();
        }
        if (raw == null) {
            return false;
        }
        try (raw) {
            ImapCommand cmd;
            try {
                cmd = CommandParser.parse(raw);
            } catch (ImapParseException e) {
                return refuse(e);
            }
            run(cmd);
            out.flush();
            return true;
        }
    }

    private boolean refuse(ImapParseException e) throws IOException {
        switch (e.kind()) {
            case BYE -> {
                out.untagged("BYE " + (e.code() != null ? "[" + e.code() + "] " : "") + e.getMessage());
                out.flush();
                return false;
            }
            case NO -> out.tagged(e.tag(), "NO", e.code(), e.getMessage());
            case BAD -> out.tagged(e.tag(), "BAD", e.code(), e.getMessage());
        }
        out.flush();
        return e.kind() != ImapParseException.Kind.BAD || ++badInARow < server.settings().maxBadCommands();
    }

    private long literalLimit(String command) {
        if (state instanceof State.NotAuthenticated) {
            return server.settings().preAuthLiteral();
        }
        return command.equals("APPEND") ? server.settings().maxAppendSize() : server.settings().limits().maxLineLength();
    }

    private void run(ImapCommand cmd) throws IOException {
        String tag = cmd.tag();
        boolean quiet = isQuiet(cmd);
        try {
            String ok = dispatch(cmd);
            badInARow = 0;
            if (ok == null) {
                return; // the handler wrote the tagged response itself
            }
            if (!quiet && !updates()) {
                return;
            }
            out.raw(tag).raw(" OK ").raw(ok).crlf();
        } catch (ImapException e) {
            if (e.status().equals("BAD")) {
                badInARow++;
            }
            if (!quiet && !updates()) {
                return;
            }
            out.tagged(tag, e.status(), e.code(), e.getMessage());
        } catch (StoreException e) {
            log.warn("{}: store error: {}", cmd.getClass().getSimpleName(), e.toString());
            if (!quiet && !updates()) {
                return;
            }
            out.tagged(tag, "NO", e.reason().imapCode(), e.getMessage());
        }
        if (badInARow >= server.settings().maxBadCommands()) {
            out.untagged("BYE Too many invalid commands");
            state = new State.Logout();
        }
    }

    /** Non-UID FETCH, STORE, SEARCH and COPY must not report expunges. */
    private static boolean isQuiet(ImapCommand cmd) {
        return switch (cmd) {
            case ImapCommand.Fetch f -> !f.uid();
            case ImapCommand.Store s -> !s.uid();
            case ImapCommand.Search s -> !s.uid();
            case ImapCommand.Copy c -> !c.uid() && !c.move();
            default -> false;
        };
    }

    /** Sends the selected mailbox's pending changes; false (after BYE) when it is gone. */
    boolean updates() throws IOException {
        if (state instanceof State.Selected s) {
            try {
                if (!s.mailbox().sendUpdates(out, condstore)) {
                    out.untagged("BYE The selected mailbox was deleted or replaced");
                    closeSelected();
                    state = new State.Logout();
                    return false;
                }
            } catch (StoreException e) {
                log.warn("poll failed: {}", e.toString());
            }
        }
        return true;
    }

    /**
     * Runs a command; returns the text of the tagged OK (with its response code, if any), or null when the
     * handler has written the tagged response.
     */
    private String dispatch(ImapCommand cmd) throws IOException, ImapException, StoreException {
        return switch (cmd) {
            case ImapCommand.Capability c -> {
                out.untagged("CAPABILITY " + capabilities());
                yield "CAPABILITY completed";
            }
            case ImapCommand.Noop c -> "NOOP completed";
            case ImapCommand.Logout c -> {
                out.untagged("BYE Logging out");
                closeSelected();
                state = new State.Logout();
                yield "LOGOUT completed";
            }
            case ImapCommand.Id c -> {
                out.untagged("ID (\"name\" \"Mailferry\" \"vendor\" \"Mailferry\")");
                yield "ID completed";
            }
            case ImapCommand.StartTls c -> startTls(c);
            case ImapCommand.Login c -> AuthHandler.login(this, c);
            case ImapCommand.Authenticate c -> AuthHandler.authenticate(this, c);
            case ImapCommand.Enable c -> enable(c);
            case ImapCommand.Select c -> MailboxHandler.select(this, c);
            case ImapCommand.Create c -> MailboxHandler.create(this, c);
            case ImapCommand.Delete c -> MailboxHandler.delete(this, c);
            case ImapCommand.Rename c -> MailboxHandler.rename(this, c);
            case ImapCommand.Subscribe c -> MailboxHandler.subscribe(this, c);
            case ImapCommand.Status c -> MailboxHandler.status(this, c);
            case ImapCommand.ListMailboxes c -> ListHandler.list(this, c);
            case ImapCommand.Namespace c -> {
                State.Authenticated a = authenticated();
                String shared = names.sharedOwner(a.account()).isEmpty() ? "NIL"
                        : "((\"" + MailboxNames.SHARED + MailboxNames.DELIMITER + "\" \"/\"))";
                out.untagged("NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) " + shared);
                yield "NAMESPACE completed";
            }
            case ImapCommand.Append c -> AppendHandler.append(this, c);
            case ImapCommand.Idle c -> IdleHandler.idle(this, c);
            case ImapCommand.GetAcl c -> AclHandler.getAcl(this, c);
            case ImapCommand.SetAcl c -> AclHandler.setAcl(this, c.mailbox(), c.identifier(), c.rights());
            case ImapCommand.DeleteAcl c -> AclHandler.setAcl(this, c.mailbox(), c.identifier(), null);
            case ImapCommand.ListRights c -> AclHandler.listRights(this, c);
            case ImapCommand.MyRights c -> AclHandler.myRights(this, c);
            case ImapCommand.GetQuota c -> AclHandler.getQuota(this, c.root());
            case ImapCommand.GetQuotaRoot c -> AclHandler.getQuotaRoot(this, c);
            case ImapCommand.SetQuota c -> throw ImapException.no("NOPERM", "Quota is set by the administrator");
            case ImapCommand.Check c -> {
                selected();
                yield "CHECK completed";
            }
            case ImapCommand.Close c -> close(true);
            case ImapCommand.Unselect c -> close(false);
            case ImapCommand.XUidl c -> FidelityHandler.xuidl(this, c);
            case ImapCommand.Expunge c -> MailboxHandler.expunge(this, c);
            case ImapCommand.Search c -> SearchHandler.search(this, c);
            case ImapCommand.Fetch c -> FetchHandler.fetch(this, c);
            case ImapCommand.Store c -> StoreHandler.store(this, c);
            case ImapCommand.Copy c -> CopyHandler.copy(this, c);
        };
    }

    private String startTls(ImapCommand.StartTls c) throws IOException, ImapException {
        if (!(state instanceof State.NotAuthenticated)) {
            throw ImapException.bad("STARTTLS is allowed only before login");
        }
        if (!conn.canStartTls()) {
            throw ImapException.bad("TLS is not available or already active");
        }
        out.tagged(c.tag(), "OK", null, "Begin TLS negotiation now");
        int dropped = conn.startTls();
        if (dropped > 0) {
            log.warn("STARTTLS: dropped {} bytes of plaintext the client sent after the command", dropped);
        }
        state = new State.NotAuthenticated();
        condstore = false;
        return null;
    }

    private String enable(ImapCommand.Enable c) throws ImapException, IOException {
        authenticated();
        List<String> done = new ArrayList<>();
        for (String cap : c.capabilities()) {
            if (cap.equals("CONDSTORE")) {
                condstore = true;
                done.add(cap);
            }
        }
        out.untagged("ENABLED" + (done.isEmpty() ? "" : " " + String.join(" ", done)).toUpperCase(Locale.ROOT));
        return "ENABLE completed";
    }

    private String close(boolean expunge) throws ImapException {
        State.Selected s = selected();
        if (expunge && !s.mailbox().readOnly() && s.mailbox().may('e')) {
            try {
                s.mailbox().view.expunge(null);
            } catch (StoreException e) {
                log.warn("CLOSE: expunge failed: {}", e.toString());
            }
        }
        closeSelected();
        state = new State.Authenticated(s.account(), s.store());
        return expunge ? "CLOSE completed" : "UNSELECT completed";
    }

    void closeSelected() {
        if (state instanceof State.Selected s) {
            s.mailbox().close();
            cache.clear();
        }
    }

    /** Moves to the Authenticated state after a successful login. */
    void loggedIn(Account account) throws StoreException, IOException {
        AccountStore store = access.store(account);
        state = new State.Authenticated(account, store);
        conn.setTimeout(server.settings().idleTimeoutMillis());
    }

    State.Authenticated authenticated() throws ImapException {
        return switch (state) {
            case State.Authenticated a -> a;
            case State.Selected s -> new State.Authenticated(s.account(), s.store());
            default -> throw ImapException.bad("Log in first");
        };
    }

    State.Selected selected() throws ImapException {
        if (state instanceof State.Selected s) {
            return s;
        }
        throw ImapException.bad("No mailbox selected");
    }

    String capabilities() {
        StringBuilder sb = new StringBuilder("IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE");
        if (state instanceof State.NotAuthenticated) {
            if (conn.canStartTls()) {
                sb.append(" STARTTLS");
            }
            for (String m : access.mechanisms(conn.secure(), conn.remoteAddress())) {
                sb.append(" AUTH=").append(m);
            }
            if (!access.plainAllowed(conn.secure(), conn.remoteAddress())) {
                sb.append(" LOGINDISABLED");
            }
        } else {
            sb.append(" NAMESPACE UIDPLUS MOVE UNSELECT CHILDREN LIST-EXTENDED LIST-STATUS SPECIAL-USE")
                    .append(" ACL RIGHTS=texk QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE MULTIAPPEND")
                    .append(" APPENDLIMIT=").append(server.settings().maxAppendSize())
                    .append(" CONDSTORE ESEARCH ").append(FidelityExtension.CAPABILITY);
        }
        return sb.toString();
    }
}
