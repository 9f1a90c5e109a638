package org.mailferry.imap.server;

import java.io.IOException;
import java.util.Optional;
import org.mailferry.access.SaslDriver;
import org.mailferry.auth.sasl.SaslServer;
import org.mailferry.directory.Account;
import org.mailferry.imap.proto.ImapCommand;
import org.mailferry.store.StoreException;

/** LOGIN (RFC 3501 §6.2.3) and AUTHENTICATE with SASL-IR (RFC 3501 §6.2.2, RFC 4959). */
final class AuthHandler {
    private AuthHandler() {
    }

    private static void notYet(ImapSession s) throws ImapException {
        if (!(s.state instanceof State.NotAuthenticated)) {
            throw ImapException.bad("Already logged in");
        }
    }

    static String login(ImapSession s, ImapCommand.Login c) throws ImapException, StoreException, IOException {
        notYet(s);
        if (!s.access.plainAllowed(s.conn.secure(), s.conn.remoteAddress())) {
            throw ImapException.no("PRIVACYREQUIRED", "Use STARTTLS before logging in with a password");
        }
        Optional<Account> a = s.access.login(c.user(), c.password(), s.conn.remoteAddress());
        if (a.isEmpty()) {
            throw ImapException.no("AUTHENTICATIONFAILED", "Authentication failed");
        }
        s.loggedIn(a.get());
        return "[CAPABILITY " + s.capabilities() + "] Logged in";
    }

    static String authenticate(ImapSession s, ImapCommand.Authenticate c)
            throws ImapException, StoreException, IOException {
        notYet(s);
        Optional<SaslServer> sasl = s.access.sasl(c.mechanism(), s.conn.secure(), s.conn.remoteAddress());
        if (sasl.isEmpty()) {
            if (s.access.mechanisms(true, s.conn.remoteAddress()).contains(c.mechanism())) {
                throw ImapException.no("PRIVACYREQUIRED", "Use STARTTLS before this mechanism");
            }
            throw ImapException.no("CANNOT", "Unsupported authentication mechanism");
        }
        SaslDriver.Outcome o = SaslDriver.run(s.access, sasl.get(), c.initialResponse(), new SaslDriver.Wire() {
            @Override
            public void challenge(String base64) throws IOException {
                s.out.continuation(base64);
            }

            @Override
            public String response() throws IOException {
                return s.in.readLine();
            }
        }, s.conn.remoteAddress());
        return switch (o) {
            case SaslDriver.Outcome.Success ok -> {
                s.loggedIn(ok.account());
                yield "[CAPABILITY " + s.capabilities() + "] Logged in";
            }
            case SaslDriver.Outcome.Failed f -> throw ImapException.no("AUTHENTICATIONFAILED", "Authentication failed");
            case SaslDriver.Outcome.Cancelled x -> throw ImapException.bad("Authentication cancelled");
            case SaslDriver.Outcome.Malformed m -> throw ImapException.bad(m.text());
        };
    }
}
