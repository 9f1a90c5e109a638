package org.mailferry.pop3.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.mailferry.access.MailAccess;
import org.mailferry.access.SaslDriver;
import org.mailferry.auth.sasl.SaslServer;
import org.mailferry.directory.Account;
import org.mailferry.net.Connection;
import org.mailferry.net.DotStuffingOutputStream;
import org.mailferry.net.LineTooLongException;
import org.mailferry.pop3.proto.Pop3Command;
import org.mailferry.pop3.proto.Pop3Exception;
import org.mailferry.pop3.proto.Pop3Parser;
import org.mailferry.pop3.proto.TopFilter;
import org.mailferry.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One POP3 connection: the AUTHORIZATION, TRANSACTION and UPDATE states of RFC 1939 as sealed types. Login
 * takes the account's maildrop lock (a second session gets {@code -ERR [IN-USE]}); DELE marks, QUIT commits.
 * After STLS the state starts over. Replies never say whether an account exists.
 */
final class Pop3Session {
    private static final Logger log = LoggerFactory.getLogger(Pop3Session.class);
    private static final int MAX_LINE = 512;
    private static final int MAX_ERRORS = 20;

    sealed interface State {
        /** Before login; {@code user} is the name given by USER, or null. */
        record Authorization(String user) implements State {
        }

        record Transaction(Account account, Maildrop drop) implements State {
        }

        record Closed() implements State {
        }
    }

    private final Pop3Server server;
    private final MailAccess access;
    private final Connection conn;
    private final OutputStream out;
    private State state = new State.Authorization(null);
    private String timestamp;
    private int errors;

    Pop3Session(Pop3Server server, Connection conn) {
        this.server = server;
        this.access = server.access();
        this.conn = conn;
        this.out = conn.out();
    }

    private void reply(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void run() throws IOException {
        try {
            timestamp = access.apopTimestamp();
            reply("+OK Mailferry POP3 ready " + timestamp);
            conn.flush();
            while (!(state instanceof State.Closed)) {
                byte[] line;
                try {
                    line = conn.in().readLine(MAX_LINE);
                } catch (LineTooLongException e) {
                    reply("-ERR Line too long");
                    conn.flush();
                    if (!e.lineEnded() || ++errors >= MAX_ERRORS) {
                        break;
                    }
                    continue;
                }
                if (line == null) {
                    break;
                }
                try {
                    command(Pop3Parser.parse(line));
                } catch (Pop3Exception e) {
                    reply(e.replyLine());
                    if (++errors >= MAX_ERRORS) {
                        reply("-ERR Too many errors, closing");
                        state = new State.Closed();
                    }
                }
                conn.flush();
            }
        } catch (SocketTimeoutException e) {
            reply("-ERR Autologout; idle for too long");
        } catch (EOFException e) {
            log.debug("client closed the connection");
        } finally {
            try {
                conn.flush();
            } catch (IOException ignored) {
                // closing
            }
            release();
        }
    }

    /** Ends a transaction without committing (connection lost): nothing is deleted. */
    private void release() {
        if (state instanceof State.Transaction t) {
            t.drop().close();
            server.unlock(t.account().address());
            state = new State.Closed();
        }
    }

    private void command(Pop3Command cmd) throws IOException, Pop3Exception {
        switch (state) {
            case State.Authorization a -> authorization(a, cmd);
            case State.Transaction t -> transaction(t, cmd);
            case State.Closed c -> throw new Pop3Exception("Connection closing");
        }
    }

    private void capa() throws IOException {
        reply("+OK Capability list follows");
        reply("TOP");
        reply("USER");
        reply("UIDL");
        reply("RESP-CODES");
        reply("AUTH-RESP-CODE");
        reply("PIPELINING");
        reply("EXPIRE NEVER");
        reply("IMPLEMENTATION Mailferry");
        if (state instanceof State.Authorization) {
            reply("SASL " + String.join(" ", access.mechanisms(conn.secure(), conn.remoteAddress())));
            if (conn.canStartTls()) {
                reply("STLS");
            }
        }
        reply(".");
    }

    private void authorization(State.Authorization a, Pop3Command cmd) throws IOException, Pop3Exception {
        switch (cmd) {
            case Pop3Command.Capa c -> capa();
            case Pop3Command.Noop c -> reply("+OK");
            case Pop3Command.Quit c -> {
                reply("+OK Bye");
                state = new State.Closed();
            }
            case Pop3Command.Stls c -> {
                if (!conn.canStartTls()) {
                    throw new Pop3Exception("TLS is not available or already active");
                }
                reply("+OK Begin TLS negotiation");
                int dropped = conn.startTls();
                if (dropped > 0) {
                    log.warn("STLS: dropped {} bytes of plaintext sent after the command", dropped);
                }
                state = new State.Authorization(null);
            }
            case Pop3Command.User c -> {
                plainAllowed();
                state = new State.Authorization(c.name());
                reply("+OK Send your password");
            }
            case Pop3Command.Pass c -> {
                if (a.user() == null) {
                    throw new Pop3Exception("Send USER first");
                }
                plainAllowed();
                state = new State.Authorization(null);
                enter(access.login(a.user(), c.password(), conn.remoteAddress()));
            }
            case Pop3Command.Apop c -> enter(access.apop(timestamp, c.name(), c.digest(), conn.remoteAddress()));
            case Pop3Command.Auth c -> auth(c);
            default -> throw new Pop3Exception("Log in first");
        }
    }

    private void plainAllowed() throws Pop3Exception {
        if (!access.plainAllowed(conn.secure(), conn.remoteAddress())) {
            throw new Pop3Exception("AUTH", "Use STLS before sending a password");
        }
    }

    private void auth(Pop3Command.Auth c) throws IOException, Pop3Exception {
        if (c.mechanism() == null) {
            reply("+OK Mechanisms follow");
            for (String m : access.mechanisms(conn.secure(), conn.remoteAddress())) {
                reply(m);
            }
            reply(".");
            return;
        }
        Optional<SaslServer> sasl = access.sasl(c.mechanism(), conn.secure(), conn.remoteAddress());
        if (sasl.isEmpty()) {
            throw new Pop3Exception("Unsupported mechanism");
        }
        SaslDriver.Outcome o = SaslDriver.run(access, sasl.get(), c.initialResponse(), new SaslDriver.Wire() {
            @Override
            public void challenge(String base64) throws IOException {
                reply("+ " + base64);
                conn.flush();
            }

            @Override
            public String response() throws IOException {
                byte[] l = conn.in().readLine(8 * 1024);
                return l == null ? null : new String(l, StandardCharsets.US_ASCII);
            }
        }, conn.remoteAddress());
        switch (o) {
            case SaslDriver.Outcome.Success s -> enter(Optional.of(s.account()));
            case SaslDriver.Outcome.Failed f -> enter(Optional.empty());
            case SaslDriver.Outcome.Cancelled x -> throw new Pop3Exception("Authentication cancelled");
            case SaslDriver.Outcome.Malformed m -> throw new Pop3Exception(m.text());
        }
    }

    /** Completes a login: takes the maildrop lock and opens INBOX. */
    private void enter(Optional<Account> account) throws IOException, Pop3Exception {
        if (account.isEmpty()) {
            throw new Pop3Exception("AUTH", "Authentication failed");
        }
        Account a = account.get();
        if (!server.lock(a.address())) {
            throw new Pop3Exception("IN-USE", "Maildrop already locked by another session");
        }
        try {
            var store = access.store(a);
            Maildrop drop = new Maildrop(store.open("INBOX", false), server.sizes(), a.address(), server.uidlFormat(),
                    store.popUidls("INBOX"));
            state = new State.Transaction(a, drop);
            reply("+OK Maildrop locked and ready");
        } catch (StoreException e) {
            server.unlock(a.address());
            throw new Pop3Exception(e.reason().temporary() ? "SYS/TEMP" : "SYS/PERM", e.getMessage());
        }
    }

    private void transaction(State.Transaction t, Pop3Command cmd) throws IOException, Pop3Exception {
        Maildrop d = t.drop();
        switch (cmd) {
            case Pop3Command.Capa c -> capa();
            case Pop3Command.Noop c -> reply("+OK");
            case Pop3Command.Stat c -> reply("+OK " + d.liveCount() + " " + d.liveSize());
            case Pop3Command.ListMessages c -> {
                if (c.message() >= 0) {
                    reply("+OK " + c.message() + " " + d.size(check(d, c.message())));
                } else {
                    reply("+OK " + d.liveCount() + " messages");
                    for (int n = 1; n <= d.count(); n++) {
                        if (d.valid(n)) {
                            reply(n + " " + d.size(n));
                        }
                    }
                    reply(".");
                }
            }
            case Pop3Command.Uidl c -> {
                if (c.message() >= 0) {
                    reply("+OK " + c.message() + " " + d.uidl(check(d, c.message())));
                } else {
                    reply("+OK Unique-ID listing follows");
                    for (int n = 1; n <= d.count(); n++) {
                        if (d.valid(n)) {
                            reply(n + " " + d.uidl(n));
                        }
                    }
                    reply(".");
                }
            }
            case Pop3Command.Retr c -> send(d, check(d, c.message()), -1);
            case Pop3Command.Top c -> send(d, check(d, c.message()), c.lines());
            case Pop3Command.Dele c -> {
                d.delete(check(d, c.message()));
                reply("+OK Message " + c.message() + " deleted");
            }
            case Pop3Command.Rset c -> {
                d.reset();
                reply("+OK " + d.liveCount() + " messages");
            }
            case Pop3Command.Quit c -> {
                try {
                    d.commit();
                    reply("+OK Bye");
                } catch (StoreException e) {
                    log.warn("POP3 QUIT: deleting failed: {}", e.toString());
                    reply("-ERR [SYS/TEMP] Some deleted messages were not removed");
                }
                release();
            }
            default -> throw new Pop3Exception("Already logged in");
        }
    }

    private static long check(Maildrop d, long n) throws Pop3Exception {
        if (!d.valid(n)) {
            throw new Pop3Exception(n >= 1 && n <= d.count() ? "Message " + n + " already deleted"
                    : "No such message");
        }
        return n;
    }

    /** RETR ({@code lines} &lt; 0) or TOP: the message dot-stuffed with CRLF line ends. */
    private void send(Maildrop d, long n, long lines) throws IOException, Pop3Exception {
        InputStream in;
        try {
            in = d.open(n);
        } catch (StoreException e) {
            throw new Pop3Exception("SYS/TEMP", e.getMessage());
        }
        try (in) {
            reply("+OK " + (lines < 0 ? "Message follows" : "Top of message follows"));
            DotStuffingOutputStream dot = new DotStuffingOutputStream(out);
            if (lines < 0) {
                in.transferTo(dot);
            } else {
                TopFilter.copy(in, dot, lines);
            }
            dot.finish();
        }
    }
}
