package org.mailferry.delivery;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.mailferry.net.DotStuffingOutputStream;
import org.mailferry.net.LineReader;
import org.mailferry.smtp.proto.SmtpReply;
import org.mailferry.smtp.proto.Xtext;

/**
 * Sends one queued message to one SMTP server for several recipients (RFC 5321 §3.3), the way the outbound queue
 * needs it: every recipient's RCPT reply and the final DATA reply are reported, so each recipient can be marked
 * delivered, failed or deferred. Uses STARTTLS when offered (opportunistic, RFC 3207: the certificate is not
 * checked), SIZE, 8BITMIME and DSN (RET, ENVID, NOTIFY, ORCPT) when the server has them. Replies are limited to
 * 100 lines of 2,000 bytes.
 */
final class RelayClient implements AutoCloseable {
    private Socket socket;
    private LineReader in;
    private OutputStream out;
    private final Set<String> extensions = new HashSet<>();

    /** What the server said to one recipient. */
    record Outcome(String recipient, SmtpReply reply) {
    }

    private RelayClient() {
    }

    static RelayClient connect(String host, int port, int timeoutMillis, String heloName) throws IOException {
        RelayClient c = new RelayClient();
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            c.attach(s);
            SmtpReply greeting = c.reply();
            if (greeting.code() != 220) {
                throw new RelayException(greeting, "greeting");
            }
            c.ehlo(heloName);
            if (c.extensions.contains("STARTTLS")) {
                SmtpReply r = c.command("STARTTLS");
                if (r.code() == 220) {
                    SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket(s, host, port, true);
                    tls.setUseClientMode(true);
                    tls.startHandshake();
                    c.attach(tls);
                    c.ehlo(heloName);
                }
            }
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void attach(Socket s) throws IOException {
        socket = s;
        in = new LineReader(s.getInputStream());
        out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
    }

    private void ehlo(String name) throws IOException {
        SmtpReply r = command("EHLO " + name);
        if (r.code() != 250) {
            r = command("HELO " + name);
            if (r.code() != 250) {
                throw new RelayException(r, "HELO");
            }
            return;
        }
        extensions.clear();
        for (int i = 1; i < r.lines().size(); i++) {
            extensions.add(r.lines().get(i).split(" ")[0].toUpperCase(Locale.ROOT));
        }
    }

    private SmtpReply command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    private SmtpReply reply() throws IOException {
        List<String> lines = new ArrayList<>();
        int code;
        while (true) {
            byte[] b = in.readLine(2000);
            if (b == null) {
                throw new java.io.EOFException("the server closed the connection");
            }
            String l = new String(b, StandardCharsets.UTF_8);
            if (l.length() < 3 || !l.substring(0, 3).chars().allMatch(Character::isDigit)) {
                throw new IOException("malformed SMTP reply: " + l);
            }
            code = Integer.parseInt(l.substring(0, 3));
            lines.add(l.length() > 4 ? l.substring(4) : "");
            if (lines.size() > 100) {
                throw new IOException("SMTP reply too long");
            }
            if (l.length() == 3 || l.charAt(3) == ' ') {
                break;
            }
        }
        if (code < 200 || code > 599) {
            throw new IOException("unexpected SMTP reply code " + code);
        }
        return new SmtpReply(code, null, lines);
    }

    /**
     * Sends the message. Returns one outcome per recipient: its RCPT reply when that was not 2xx, else the DATA
     * reply (or a synthetic 451 when no recipient was accepted and DATA was not sent).
     */
    List<Outcome> send(QueueEntry e, List<QueueEntry.Rcpt> rcpts, long size, boolean eightBit, InputStream message)
            throws IOException {
        StringBuilder mail = new StringBuilder("MAIL FROM:").append(e.from().path());
        if (extensions.contains("SIZE")) {
            mail.append(" SIZE=").append(size);
        }
        if (eightBit && extensions.contains("8BITMIME")) {
            mail.append(" BODY=8BITMIME");
        }
        boolean dsn = extensions.contains("DSN");
        if (dsn && e.ret() != null) {
            mail.append(" RET=").append(e.ret());
        }
        if (dsn && e.envid() != null) {
            mail.append(" ENVID=").append(e.envid());
        }
        SmtpReply r = command(mail.toString());
        List<Outcome> out = new ArrayList<>();
        if (r.code() != 250) {
            for (QueueEntry.Rcpt x : rcpts) {
                out.add(new Outcome(x.address(), r));
            }
            command("RSET");
            return out;
        }
        List<QueueEntry.Rcpt> accepted = new ArrayList<>();
        for (QueueEntry.Rcpt x : rcpts) {
            StringBuilder rc = new StringBuilder("RCPT TO:<").append(x.address()).append('>');
            if (dsn && x.notifyOn() != null) {
                rc.append(" NOTIFY=").append(x.notifyOn());
            }
            if (dsn && x.orcpt() != null) {
                rc.append(" ORCPT=").append(x.orcpt());
            }
            SmtpReply rr = command(rc.toString());
            if (rr.code() == 250 || rr.code() == 251) {
                accepted.add(x);
            } else {
                out.add(new Outcome(x.address(), rr));
            }
        }
        if (accepted.isEmpty()) {
            command("RSET");
            return out;
        }
        SmtpReply d = command("DATA");
        if (d.code() != 354) {
            for (QueueEntry.Rcpt x : accepted) {
                out.add(new Outcome(x.address(), d));
            }
            return out;
        }
        DotStuffingOutputStream dot = new DotStuffingOutputStream(this.out);
        message.transferTo(dot);
        dot.finish();
        this.out.flush();
        SmtpReply fin = reply();
        for (QueueEntry.Rcpt x : accepted) {
            out.add(new Outcome(x.address(), fin));
        }
        return out;
    }

    void quit() {
        try {
            command("QUIT");
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    static String xtext(String s) {
        return Xtext.encode(s);
    }

    private static SSLContext trustAll() throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] c, String a) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] c, String a) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** A reply that ends the whole attempt (greeting or HELO refused). */
    static final class RelayException extends IOException {
        final SmtpReply reply;

        RelayException(SmtpReply reply, String step) {
            super(step + ": " + reply);
            this.reply = reply;
        }
    }
}
