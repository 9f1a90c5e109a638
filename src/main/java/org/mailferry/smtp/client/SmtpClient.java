package org.mailferry.smtp.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A blocking SMTP client (RFC 5321) that sends one message per transaction. The message is streamed:
 * line ends are normalised to CRLF, lines starting with '.' are dot-stuffed (§4.5.2), and a final CRLF is
 * added when missing. Reply lines are limited to 2,000 bytes and 100 lines. Does not do AUTH or TLS yet.
 */
public final class SmtpClient implements AutoCloseable {
    private static final int MAX_REPLY_LINE = 2000;
    private static final int MAX_REPLY_LINES = 100;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Set<String> extensions = new HashSet<>();

    private SmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** Connects, reads the 220 greeting and says EHLO (HELO when EHLO is refused). */
    public static SmtpClient connect(String host, int port, int timeoutMillis, String heloName)
            throws IOException, SmtpException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            SmtpClient c = new SmtpClient(s);
            SmtpReply greet = c.reply();
            if (greet.code() != 220) throw new SmtpException("greeting", greet);
            c.send("EHLO " + heloName);
            SmtpReply ehlo = c.reply();
            if (ehlo.code() == 250) {
                for (int i = 1; i < ehlo.lines().size(); i++) {
                    c.extensions.add(ehlo.lines().get(i).split(" ")[0].toUpperCase(Locale.ROOT));
                }
            } else {
                c.send("HELO " + heloName);
                SmtpReply helo = c.reply();
                if (helo.code() != 250) throw new SmtpException("HELO", helo);
            }
            return c;
        } catch (IOException | SmtpException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public boolean has(String extension) { return extensions.contains(extension.toUpperCase(Locale.ROOT)); }

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
