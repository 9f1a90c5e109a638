package org.mailferry.migrate;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.mailferry.imap.client.ImapCommandException;
import org.mailferry.imap.client.ImapConnection;
import org.mailferry.imap.client.ImapProtocolException;
import org.mailferry.net.client.ClientTls;

/**
 * One side of an IMAP move: where it is, how to secure the connection and log in, and the back-off for
 * temporary refusals. {@link #open()} connects and logs in, turning failures into the documented exit codes
 * (cannot connect vs login failed, source vs target). A login refused with a temporary code ([LIMIT],
 * [UNAVAILABLE], [THROTTLED], [INUSE]; {@link Backoff}) or a BYE greeting is retried after a wait. A TLS
 * certificate that did not verify in auto mode is warned about once per side. Never prints a password.
 */
public record ImapEndpoint(HostPort server, String user, String password, int timeoutMillis, boolean source,
                           ClientTls tls, String auth, Backoff backoff, Consumer<String> progress, Consumer<String> warn,
                           AtomicBoolean warnedUnverified, org.mailferry.net.client.AccessTokens tokens) {

    public ImapEndpoint(HostPort server, String user, String password, int timeoutMillis, boolean source, ClientTls tls, String auth,
                        Backoff backoff, Consumer<String> progress, Consumer<String> warn, AtomicBoolean warnedUnverified) {
        this(server, user, password, timeoutMillis, source, tls, auth, backoff, progress, warn, warnedUnverified, null);
    }

    /**
     * The secret to log in with: the password, or an OAuth 2.0 access token asked of {@link #tokens} now, at each
     * login (a token file read again, or a refresh-token grant), so that a long move outlives a token's hour.
     */
    private String secret() throws MoverException {
        if (tokens == null) return password;
        try {
            return tokens.get();
        } catch (java.io.IOException e) {
            throw new MoverException(source ? ExitCodes.LOGIN_SOURCE : ExitCodes.LOGIN_TARGET, side() + " OAuth 2.0 token: " + e.getMessage(), e);
        }
    }

    private String side() { return source ? "source" : "target"; }

    private String option() { return source ? "--source" : "--target"; }

    public ImapConnection open() throws MoverException {
        for (int attempt = 1; ; attempt++) {
            String temporary;
            try {
                return tryOpen();
            } catch (Temporary t) {
                temporary = t.getMessage();
            }
            if (attempt > backoff.retries()) {
                throw new MoverException(source ? ExitCodes.LOGIN_SOURCE : ExitCodes.LOGIN_TARGET,
                        temporary + " (still after " + backoff.retries() + " retries)");
            }
            progress.accept(temporary + "; " + backoff.describe(attempt));
            try {
                backoff.await(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MoverException(ExitCodes.INTERNAL, "interrupted", e);
            }
        }
    }

    private ImapConnection tryOpen() throws MoverException, Temporary {
        ImapConnection c;
        try {
            c = ImapConnection.connect(server.host(), server.port(), timeoutMillis, tls);
        } catch (ClientTls.TlsException e) {
            throw new MoverException(source ? ExitCodes.CONNECT_SOURCE : ExitCodes.CONNECT_TARGET, side() + " IMAP server " + server
                    + ": " + e.getMessage() + (e.untrusted() ? "; give --ca-file PEM with its certificate or CA, or "
                    + option() + "-insecure to accept any certificate" : ""), e);
        } catch (IOException | ImapProtocolException e) {
            if (String.valueOf(e.getMessage()).contains("greeting: * BYE")) throw new Temporary(side() + " IMAP server " + server + " said " + e.getMessage());
            throw new MoverException(source ? ExitCodes.CONNECT_SOURCE : ExitCodes.CONNECT_TARGET,
                    "cannot connect to " + side() + " IMAP server " + server + ": " + e.getMessage(), e);
        }
        try {
            String how = c.login(user, secret(), auth);
            String unverified = c.certificateProblem();
            if (unverified != null && warnedUnverified.compareAndSet(false, true)) {
                warn.accept(side() + " " + server + ": TLS certificate not verified (" + unverified + "); the connection is encrypted"
                        + " but the server is not authenticated. Give --ca-file PEM to trust it, or " + option()
                        + "-tls starttls to require a verified certificate");
            }
            progress.accept(side() + " " + server + ": " + c.tlsDescription() + "; logged in as " + user + " with " + how);
            return c;
        } catch (ImapCommandException e) {
            c.close();
            if (Backoff.temporary(e.completion(), true)) {
                throw new Temporary(side() + " IMAP server " + server + " refused the login of " + user + " for now: " + e.completion().describe());
            }
            throw new MoverException(source ? ExitCodes.LOGIN_SOURCE : ExitCodes.LOGIN_TARGET,
                    side() + " IMAP server " + server + " refused the login of " + user + ": " + e.completion().describe(), e);
        } catch (IOException | ImapProtocolException e) {
            c.close();
            throw new MoverException(source ? ExitCodes.CONNECT_SOURCE : ExitCodes.CONNECT_TARGET,
                    side() + " IMAP server " + server + " failed during login: " + e.getMessage(), e);
        }
    }

    /** A refusal worth waiting for. */
    private static final class Temporary extends Exception {
        Temporary(String message) { super(message, null, false, false); }
    }
}
