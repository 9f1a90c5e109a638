package org.mailferry.smtp.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.mailferry.access.MailAccess;
import org.mailferry.delivery.DeliveryTransaction;
import org.mailferry.delivery.Envelope;
import org.mailferry.directory.Account;
import org.mailferry.net.Connection;
import org.mailferry.net.DotReader;
import org.mailferry.net.LineTooLongException;
import org.mailferry.smtp.proto.SmtpCommand;
import org.mailferry.smtp.proto.SmtpException;
import org.mailferry.smtp.proto.SmtpParser;
import org.mailferry.smtp.proto.SmtpReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP connection (RFC 5321 §4.1.4 command order as sealed states). Mail for domains that are not ours is
 * accepted only from authenticated users or listed client addresses (never an open relay). The final 250 of DATA
 * or BDAT LAST is sent only after the delivery transaction made the message durable. Replies to pipelined
 * commands are flushed when the client's input is drained (RFC 2920). After STARTTLS everything is forgotten.
 */
final class SmtpSession {
    private static final Logger log = LoggerFactory.getLogger(SmtpSession.class);
    private static final int MAX_LINE = 4096;

    /** Where the session is in RFC 5321's command sequence. */
    sealed interface State {
        /** Before HELO/EHLO. */
        record Connected() implements State {
        }

        /** Greeted; {@code auth} is the authenticated account or null. */
        record Ready(String helo, boolean esmtp, Account auth) implements State {
        }

        /** After MAIL: a transaction collecting recipients. */
        record Mail(Ready ready, DeliveryTransaction txn, boolean utf8) implements State {
        }

        /** Inside a BDAT sequence. */
        record Chunking(Mail mail, OutputStream body, long size, boolean tooBig) implements State {
        }

        record Closed() implements State {
        }
    }

    private final SmtpServer server;
    private final MailAccess access;
    private final Connection conn;
    private final String host;
    private State state = new State.Connected();
    private int errors;

    SmtpSession(SmtpServer server, Connection conn) {
        this.server = server;
        this.access = server.access();
        this.conn = conn;
        this.host = server.delivery().settings().hostName();
    }

    private void reply(SmtpReply r) throws IOException {
        r.write(conn.out(), true);
        if (conn.in().buffered() == 0) {
            conn.flush();
        }
    }

    private void reply(int code, String enhanced, String text) throws IOException {
        reply(new SmtpReply(code, enhanced, text));
    }

    void run() throws IOException {
        try {
            reply(new SmtpReply(220, null, host + " ESMTP Mailferry ready"));
            conn.flush();
            while (!(state instanceof State.Closed)) {
                byte[] line;
                try {
                    line = conn.in().readLine(MAX_LINE);
                } catch (LineTooLongException e) {
                    if (!e.lineEnded()) {
                        reply(421, "4.7.0", "Line too long, closing");
                        break;
                    }
                    error(SmtpReply.LINE_TOO_LONG);
                    continue;
                }
                if (line == null) {
                    break;
                }
                boolean utf8 = state instanceof State.Mail m && m.utf8();
                SmtpCommand cmd;
                try {
                    cmd = SmtpParser.parse(line, utf8);
                } catch (SmtpException e) {
                    error(e.reply());
                    continue;
                }
                command(cmd);
            }
        } catch (SocketTimeoutException e) {
            reply(421, "4.4.2", host + " Timeout, closing connection");
        } catch (EOFException e) {
            log.debug("client closed the connection");
        } finally {
            try {
                conn.flush();
            } catch (IOException ignored) {
                // closing
            }
            abort();
        }
    }

    private void error(SmtpReply r) throws IOException {
        reply(r);
        if (++errors >= server.settings().maxErrors()) {
            reply(421, "4.7.0", "Too many errors, closing connection");
            abort();
            state = new State.Closed();
        }
    }

    private void abort() {
        switch (state) {
            case State.Mail m -> m.txn().close();
            case State.Chunking c -> c.mail().txn().close();
            default -> {
            }
        }
    }

    private State.Ready ready() {
        return switch (state) {
            case State.Ready r -> r;
            case State.Mail m -> m.ready();
            case State.Chunking c -> c.mail().ready();
            default -> null;
        };
    }

    private void command(SmtpCommand cmd) throws IOException {
        if (state instanceof State.Chunking && !(cmd instanceof SmtpCommand.Bdat)
                && !(cmd instanceof SmtpCommand.Rset) && !(cmd instanceof SmtpCommand.Quit)
                && !(cmd instanceof SmtpCommand.Noop)) {
            error(new SmtpReply(503, "5.5.1", "Only BDAT, RSET, NOOP or QUIT during a BDAT sequence"));
            return;
        }
        switch (cmd) {
            case SmtpCommand.Helo h -> helo(h);
            case SmtpCommand.Mail m -> mail(m);
            case SmtpCommand.Rcpt r -> rcpt(r);
            case SmtpCommand.Data d -> data();
            case SmtpCommand.Bdat b -> BdatHandler.bdat(this, b);
            case SmtpCommand.Rset r -> {
                abort();
                State.Ready rd = ready();
                state = rd != null ? rd : new State.Connected();
                reply(SmtpReply.OK);
            }
            case SmtpCommand.Noop n -> reply(SmtpReply.OK);
            case SmtpCommand.Quit q -> {
                reply(SmtpReply.BYE);
                conn.flush();
                abort();
                state = new State.Closed();
            }
            case SmtpCommand.Vrfy v -> reply(252, "2.1.5", "Cannot VRFY user, but will accept message and attempt"
                    + " delivery");
            case SmtpCommand.Expn e -> reply(502, "5.5.1", "EXPN is not available");
            case SmtpCommand.Help h -> reply(214, "2.0.0", "See RFC 5321; Mailferry");
            case SmtpCommand.StartTls s -> startTls();
            case SmtpCommand.Auth a -> auth(a);
        }
    }

    private void helo(SmtpCommand.Helo h) throws IOException {
        abort();
        State.Ready old = ready();
        state = new State.Ready(h.domain(), h.extended(), old == null ? null : old.auth());
        if (!h.extended()) {
            reply(250, null, host);
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(host + " Hello " + h.domain().replaceAll("[^\\x21-\\x7e]", "?") + " ["
                + conn.remoteAddress().getHostAddress() + "]");
        lines.add("PIPELINING");
        lines.add("SIZE " + server.delivery().settings().maxMessageSize());
        lines.add("8BITMIME");
        lines.add("ENHANCEDSTATUSCODES");
        if (conn.canStartTls()) {
            lines.add("STARTTLS");
        }
        List<String> mechs = access.mechanisms(conn.secure(), conn.remoteAddress());
        if (!mechs.isEmpty() && ((State.Ready) state).auth() == null) {
            lines.add("AUTH " + String.join(" ", mechs));
        }
        lines.add("DSN");
        lines.add("CHUNKING");
        lines.add("SMTPUTF8");
        reply(new SmtpReply(250, null, lines));
    }

    private void mail(SmtpCommand.Mail m) throws IOException {
        if (!(state instanceof State.Ready r)) {
            error(state instanceof State.Connected ? new SmtpReply(503, "5.5.1", "Send HELO or EHLO first")
                    : new SmtpReply(503, "5.5.1", "Nested MAIL command"));
            return;
        }
        if (server.settings().submission() && r.auth() == null) {
            error(SmtpReply.AUTH_REQUIRED);
            return;
        }
        String size = m.params().get("SIZE");
        if (size != null && Long.parseLong(size) > server.delivery().settings().maxMessageSize()) {
            reply(552, "5.3.4", "Message size exceeds fixed maximum message size");
            return;
        }
        String protocol = (r.esmtp() ? "ESMTP" : "SMTP") + (conn.secure() ? "S" : "") + (r.auth() != null ? "A" : "");
        if (!r.esmtp() && !m.params().isEmpty()) {
            error(new SmtpReply(555, "5.5.4", "MAIL parameters need EHLO"));
            return;
        }
        Envelope env = new Envelope(m.from(), m.params(), r.helo(), conn.remoteAddress(), protocol,
                r.auth() == null ? null : r.auth().address());
        state = new State.Mail(r, server.delivery().begin(env), m.params().containsKey("SMTPUTF8"));
        reply(250, "2.1.0", "Sender OK");
    }

    private void rcpt(SmtpCommand.Rcpt rc) throws IOException {
        if (!(state instanceof State.Mail m)) {
            error(new SmtpReply(503, "5.5.1", "Send MAIL first"));
            return;
        }
        boolean mayRelay = m.ready().auth() != null || server.settings().relayClients().contains(conn.remoteAddress());
        SmtpReply r = m.txn().addRecipient(rc.to(), rc.params(), mayRelay);
        if (r.positive()) {
            reply(r);
        } else {
            if (r == SmtpReply.RELAY_DENIED) {
                log.info("relaying denied: {} from {}", rc.to(), conn.remoteAddress().getHostAddress());
                error(r);
            } else {
                reply(r); // an unknown user is not a protocol error
            }
        }
    }

    private void data() throws IOException {
        if (!(state instanceof State.Mail m) || m.txn().recipientCount() == 0) {
            error(new SmtpReply(state instanceof State.Mail ? 554 : 503, "5.5.1", "No valid recipients"));
            return;
        }
        reply(354, null, "End data with <CR><LF>.<CR><LF>");
        conn.flush();
        long max = server.delivery().settings().maxMessageSize();
        DotReader.Result res;
        try (OutputStream body = m.txn().openBody(true)) {
            res = DotReader.copy(conn.in(), body, max);
        }
        finish(m, res.tooBig());
    }

    /** Ends a transaction after DATA or BDAT LAST: commit, reply, back to Ready. */
    void finish(State.Mail m, boolean tooBig) throws IOException {
        state = m.ready();
        try (DeliveryTransaction txn = m.txn()) {
            if (tooBig) {
                reply(552, "5.3.4", "Message size exceeds fixed maximum message size");
                return;
            }
            SmtpReply r;
            try {
                r = txn.commit();
            } catch (IOException e) {
                log.error("commit failed: {}", e.toString());
                r = SmtpReply.TEMP_FAILURE;
            }
            reply(r);
        }
    }

    private void startTls() throws IOException {
        if (!conn.canStartTls()) {
            error(new SmtpReply(454, "4.7.0", "TLS not available"));
            return;
        }
        if (state instanceof State.Mail || state instanceof State.Chunking) {
            error(new SmtpReply(503, "5.5.1", "STARTTLS not allowed during a transaction"));
            return;
        }
        reply(220, "2.0.0", "Ready to start TLS");
        conn.flush();
        int dropped = conn.startTls();
        if (dropped > 0) {
            log.warn("STARTTLS: dropped {} bytes of plaintext sent after the command", dropped);
        }
        state = new State.Connected();
    }

    private void auth(SmtpCommand.Auth a) throws IOException {
        if (!(state instanceof State.Ready r) || !r.esmtp()) {
            error(new SmtpReply(503, "5.5.1", state instanceof State.Connected ? "Send EHLO first"
                    : "AUTH not allowed now"));
            return;
        }
        if (r.auth() != null) {
            error(new SmtpReply(503, "5.5.1", "Already authenticated"));
            return;
        }
        AuthHandler.auth(this, r, a);
    }

    // ---- accessors for the handlers ------------------------------------------------------------------

    MailAccess access() {
        return access;
    }

    Connection conn() {
        return conn;
    }

    SmtpServer server() {
        return server;
    }

    State state() {
        return state;
    }

    void state(State s) {
        state = s;
    }

    void send(SmtpReply r) throws IOException {
        reply(r);
    }

    void fail(SmtpReply r) throws IOException {
        error(r);
    }
}
