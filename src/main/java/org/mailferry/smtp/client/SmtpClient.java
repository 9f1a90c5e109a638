package org.mailferry.smtp.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mailferry.net.client.ClientSasl;
import org.mailferry.net.client.ClientTls;
import org.mailferry.net.client.TlsMode;

/**
 * A blocking SMTP client (RFC 5321) that sends one message per transaction. The message is streamed:
 * line ends are normalised to CRLF, lines starting with '.' are dot-stuffed (§4.5.2), and a final CRLF is
 * added when missing. Reply lines are limited to 2,000 bytes and 100 lines. TLS: implicit (SMTPS) or STARTTLS
 * (RFC 3207); AUTH PLAIN, LOGIN or CRAM-MD5 (RFC 4954).
 */
public final class SmtpClient implements AutoCloseable {
    private static final int MAX_REPLY_LINE = 2000;
    private static final int MAX_REPLY_LINES = 100;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final Map<String, String> extensions = new HashMap<>();

    private SmtpClient(Socket socket) throws IOException {
        use(socket);
    }

    private void use(Socket s) throws IOException {
        this.socket = s;
        this.in = new BufferedInputStream(s.getInputStream(), 8192);
        this.out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
    }

    /** Connects without TLS, reads the 220 greeting and says EHLO (HELO when EHLO is refused). */
    public static SmtpClient connect(String host, int port, int timeoutMillis, String heloName)
            throws IOException, SmtpException {
        return connect(host, port, timeoutMillis, heloName, ClientTls.NONE);
    }

    /**
     * Connects, reads the 220 greeting and says EHLO (HELO when EHLO is refused), with TLS as {@code tls}
     * says: implicit (SMTPS, RFC 8314, port 465 in auto mode) or STARTTLS (RFC 3207) when required or, in
     * auto mode, when EHLO lists it; after STARTTLS, buffered plaintext is dropped and EHLO said again.
     */
    public static SmtpClient connect(String host, int port, int timeoutMillis, String heloName, ClientTls tls)
            throws IOException, SmtpException {
        Socket s = tls.open(host, port, timeoutMillis, 465);
        try {
            SmtpClient c = new SmtpClient(s);
            SmtpReply greet = c.reply();
            if (greet.code() != 220) throw new SmtpException("greeting", greet);
            c.hello(heloName);
            TlsMode mode = tls.modeFor(port, 465);
            if (!c.secure() && (mode == TlsMode.AUTO || mode == TlsMode.STARTTLS) && c.has("STARTTLS")) {
                c.send("STARTTLS");
                SmtpReply r = c.reply();
                if (r.code() != 220) throw new SmtpException("STARTTLS", r);
                c.use(tls.wrap(c.socket, host, port));
                c.hello(heloName);
            } else if (!c.secure() && mode == TlsMode.STARTTLS) {
                throw new IOException("the SMTP server at " + host + ":" + port + " offers no STARTTLS");
            }
            return c;
        } catch (IOException | SmtpException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void hello(String heloName) throws IOException, SmtpException {
        extensions.clear();
        send("EHLO " + heloName);
        SmtpReply ehlo = reply();
        if (ehlo.code() == 250) {
            for (int i = 1; i < ehlo.lines().size(); i++) {
                String[] w = ehlo.lines().get(i).split(" ", 2);
                extensions.put(w[0].toUpperCase(Locale.ROOT), w.length > 1 ? w[1].toUpperCase(Locale.ROOT) : "");
            }
        } else {
            send("HELO " + heloName);
            SmtpReply helo = reply();
            if (helo.code() != 250) throw new SmtpException("HELO", helo);
        }
    }

    public boolean has(String extension) { return extensions.containsKey(extension.toUpperCase(Locale.ROOT)); }

    /** True when the connection is encrypted (implicit TLS or STARTTLS). */
    public boolean secure() { return socket instanceof javax.net.ssl.SSLSocket; }

    /** The TLS protocol and cipher suite, or "no TLS" (for --verbose). */
    public String tlsDescription() { return ClientTls.describe(socket); }

    /** Why the server's certificate did not verify (auto mode goes on encrypted but unauthenticated), or null. */
    public String certificateProblem() { return ClientTls.unverified(socket); }

    /**
     * AUTH (RFC 4954) with {@code mechanism} (one of ClientSasl.SUPPORTED) or AUTO: the first of those the server
     * lists. Returns the mechanism used; a refusal is an {@link SmtpException} (535: wrong credentials).
     * Passwords and AUTH payloads never appear in exceptions.
     */
    public String authenticate(String user, String password, String mechanism) throws IOException, SmtpException {
        String mech = mechanism == null ? "AUTO" : mechanism.toUpperCase(Locale.ROOT);
        if (mech.equals("AUTO")) {
            String offered = extensions.get("AUTH");
            if (offered == null) {
                throw new SmtpException("AUTH", new SmtpReply(504, List.of("the server offers no AUTH" + (secure() ? "" : " (it may need TLS)"))));
            }
            mech = ClientSasl.firstOffered(Set.of(offered.split(" +")));
            if (mech == null) throw new SmtpException("AUTH", new SmtpReply(504, List.of("no common mechanism in: " + offered)));
        }
        ClientSasl.Exchange x = ClientSasl.start(mech, user, password);
        send("AUTH " + mech);
        while (true) {
            SmtpReply r = reply();
            if (r.code() == 235) {
                if (!x.complete()) {
                    throw new SmtpException("AUTH " + mech, new SmtpReply(535, List.of("the server accepted before proving it knows the password's keys")));
                }
                return mech;
            }
            if (r.code() != 334) throw new SmtpException("AUTH " + mech, r);
            try {
                send(x.next(r.lines().get(0)));
            } catch (IllegalArgumentException e) {
                send("*"); // cancel (RFC 4954 §4); the server answers 501
                reply();
                throw new SmtpException("AUTH " + mech, new SmtpReply(535, List.of(e.getMessage())));
            }
        }
    }

    /**
     * One transaction: MAIL FROM, RCPT TO, DATA and the message. Returns the server's final reply (2xx:
     * accepted and now the server's responsibility). On a refusal the transaction is reset and the
     * exception carries the reply.
     */
    public SmtpReply send(String sender, String recipient, long size, boolean eightBit, InputStream message)
            throws IOException, SmtpException {
        checkAddress(sender);
        checkAddress(recipient);
        StringBuilder mail = new StringBuilder("MAIL FROM:<").append(sender).append('>');
        if (has("SIZE") && size >= 0) mail.append(" SIZE=").append(size);
        if (eightBit && has("8BITMIME")) mail.append(" BODY=8BITMIME");
        send(mail.toString());
        expect("MAIL FROM", reply(), 250);
        send("RCPT TO:<" + recipient + ">");
        expect("RCPT TO", reply(), 250, 251);
        send("DATA");
        expect("DATA", reply(), 354);
        writeStuffed(message);
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        SmtpReply end = reply();
        if (end.code() != 250) {
            throw new SmtpException("message", end);
        }
        return end;
    }

    private void expect(String step, SmtpReply r, int... codes) throws IOException, SmtpException {
        for (int c : codes) if (r.code() == c) return;
        try {
            send("RSET");
            reply();
        } catch (IOException ignored) {
            // the refusal is what matters
        }
        throw new SmtpException(step, r);
    }

    private void writeStuffed(InputStream message) throws IOException {
        byte[] buf = new byte[64 * 1024];
        boolean lineStart = true;
        int prev = -1;
        int n;
        while ((n = message.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                int c = buf[i] & 0xff;
                if (c == '\n' && prev != '\r') out.write('\r');
                if (prev == '\r' && c != '\n') {
                    out.write('\n'); // bare CR becomes CRLF
                    lineStart = true;
                }
                if (lineStart && c == '.') out.write('.');
                out.write(c);
                lineStart = c == '\n';
                prev = c;
            }
        }
        if (prev == '\r') out.write('\n');
        else if (prev != '\n' && prev != -1) out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static void checkAddress(String a) {
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c < 0x21 || c == '<' || c == '>') throw new IllegalArgumentException("bad character in address '" + a + "'");
        }
    }

    /** QUIT and close; never throws. */
    public void quit() {
        try {
            send("QUIT");
            reply();
        } catch (IOException ignored) {
            // closing anyway
        }
        close();
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private SmtpReply reply() throws IOException {
        List<String> lines = new ArrayList<>();
        int code;
        while (true) {
            String l = readLine();
            if (l.length() < 3) throw new ProtocolException("short SMTP reply line");
            try {
                code = Integer.parseInt(l.substring(0, 3));
            } catch (NumberFormatException e) {
                throw new ProtocolException("SMTP reply without a code");
            }
            lines.add(l.length() > 4 ? l.substring(4) : "");
            if (lines.size() > MAX_REPLY_LINES) throw new ProtocolException("SMTP reply longer than 100 lines");
            if (l.length() == 3 || l.charAt(3) == ' ') return new SmtpReply(code, lines);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        while (true) {
            int c = in.read();
            if (c < 0) throw new EOFException("SMTP server closed the connection");
            if (c == '\n') break;
            if (b.size() >= MAX_REPLY_LINE) throw new ProtocolException("SMTP reply line longer than 2000 bytes");
            b.write(c);
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
