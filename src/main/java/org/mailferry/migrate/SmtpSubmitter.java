package org.mailferry.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import org.mailferry.net.client.ClientTls;
import org.mailferry.smtp.client.SmtpClient;
import org.mailferry.smtp.client.SmtpException;

/**
 * MovePOPMail's SMTP side: one connection (TLS as configured, AUTH when a user is given) over which messages
 * are submitted one by one. A temporary refusal (421, 450, 451, 452) or a dropped connection is retried with
 * the {@link Backoff} — reconnecting after 421 or a drop, which is safe because nothing was accepted. When a
 * message used up its retries, the next ones get a single try each until one is accepted again (a target that
 * stays unavailable costs one back-off, not one per message). Never prints the password or AUTH payloads.
 */
final class SmtpSubmitter implements AutoCloseable {
    record Settings(HostPort server, int timeoutMillis, String helo, ClientTls tls, String user, String password, String auth,
                    Backoff backoff, String sender, String recipient) { }

    private final Settings s;
    private final Consumer<String> progress, warn;
    private SmtpClient conn;
    private boolean stuck, warned;

    SmtpSubmitter(Settings s, Consumer<String> progress, Consumer<String> warn) {
        this.s = s;
        this.progress = progress;
        this.warn = warn;
    }

    /** The first connection: failures are the run's "cannot connect to target" / "login failed on target". */
    void connect() throws MoverException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                conn = open();
                return;
            } catch (SmtpException e) {
                if (!Backoff.temporary(e.reply().code()) || attempt > s.backoff().retries()) {
                    int code = e.getMessage().startsWith("AUTH") ? ExitCodes.LOGIN_TARGET : ExitCodes.CONNECT_TARGET;
                    throw new MoverException(code, "SMTP server " + s.server() + ": " + e.getMessage(), e);
                }
                progress.accept("SMTP server " + s.server() + ": " + e.getMessage() + "; " + s.backoff().describe(attempt));
                s.backoff().await(attempt);
            } catch (ClientTls.TlsException e) {
                throw new MoverException(ExitCodes.CONNECT_TARGET, "SMTP server " + s.server() + ": " + e.getMessage()
                        + (e.untrusted() ? "; give --ca-file PEM with its certificate or CA, or --smtp-insecure" : ""), e);
            } catch (IOException e) {
                throw new MoverException(ExitCodes.CONNECT_TARGET, "cannot connect to SMTP server " + s.server() + ": " + e.getMessage(), e);
            }
        }
    }

    private SmtpClient open() throws IOException, SmtpException {
        SmtpClient c = SmtpClient.connect(s.server().host(), s.server().port(), s.timeoutMillis(), s.helo(), s.tls());
        try {
            String how = "";
            if (s.user() != null) how = "; AUTH " + c.authenticate(s.user(), s.password(), s.auth()) + " as " + s.user();
            String problem = c.certificateProblem();
            if (problem != null && !warned) {
                warned = true;
                warn.accept("SMTP " + s.server() + ": TLS certificate not verified (" + problem + "); the connection is encrypted but the"
                        + " server is not authenticated. Give --ca-file PEM to trust it, or --smtp-tls starttls to require a verified certificate");
            }
            progress.accept("SMTP " + s.server() + ": " + c.tlsDescription() + how);
            return c;
        } catch (IOException | SmtpException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Submits one message (its bytes from {@code content}, opened once per try); the final refusal is thrown. */
    void submit(long size, boolean eightBit, ContentSource content) throws IOException, SmtpException, InterruptedException {
        int allowed = stuck ? 0 : s.backoff().retries();
        for (int attempt = 1; ; attempt++) {
            String why;
            try {
                if (conn == null) conn = open();
                try (InputStream in = content.open()) {
                    conn.send(s.sender(), s.recipient(), size, eightBit, in);
                }
                stuck = false;
                return;
            } catch (SmtpException e) {
                if (!Backoff.temporary(e.reply().code())) throw e;
                if (attempt > allowed) {
                    stuck = true;
                    throw e;
                }
                if (e.reply().code() == 421) drop();
                why = e.getMessage();
            } catch (IOException e) {
                drop(); // nothing was accepted: submit again over a new connection
                if (attempt > Math.max(1, allowed)) throw e;
                why = "connection lost: " + e.getMessage();
            }
            progress.accept("SMTP: " + why + "; " + s.backoff().describe(attempt));
            s.backoff().await(attempt);
        }
    }

    private void drop() {
        if (conn != null) conn.close();
        conn = null;
    }

    /** Opens a message's content for one submission attempt. */
    interface ContentSource {
        InputStream open() throws IOException;
    }

    @Override
    public void close() {
        if (conn != null) conn.quit();
        conn = null;
    }
}
