package org.mailferry.pop3.client;

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
import java.util.List;

/**
 * A blocking POP3 client (RFC 1939): USER/PASS login, STAT, UIDL, LIST, RETR streamed through
 * dot-unstuffing into a caller's stream, DELE and QUIT. Status lines are limited to 1,000 bytes
 * (RFC 2449 §4 allows 512) and each listing to 10 million entries; message lines are not limited because
 * they are streamed, never held. Deletions take effect only at QUIT (RFC 1939 §6). Never logs passwords.
 */
public final class Pop3Client implements AutoCloseable {
    private static final int MAX_STATUS_LINE = 1000;

    /** One message of the maildrop: its number in this session, size and unique id (null if no UIDL). */
    public record Entry(int number, long size, String uid) { }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private Pop3Client(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
    }

    public static Pop3Client connect(String host, int port, int timeoutMillis) throws IOException, Pop3Exception {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            Pop3Client c = new Pop3Client(s);
            c.status("greeting");
            return c;
        } catch (IOException | Pop3Exception | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** USER then PASS (RFC 1939 §7). */
    public void login(String user, String password) throws IOException, Pop3Exception {
        if (user.contains("\r") || user.contains("\n") || password.contains("\r") || password.contains("\n")) {
            throw new IllegalArgumentException("user name or password contains a line break");
        }
        send("USER " + user);
        status("USER");
        send("PASS " + password);
        status("PASS");
    }

    /** Every message with its size and (when the server has UIDL) its unique id, in message-number order. */
    public List<Entry> list() throws IOException, Pop3Exception {
        send("LIST");
        status("LIST");
        List<long[]> sizes = new ArrayList<>();
        for (String line : multiline()) {
            String[] p = line.trim().split(" +");
            if (p.length < 2) throw new ProtocolException("bad LIST line: " + line);
            sizes.add(new long[] {Integer.parseInt(p[0]), Long.parseLong(p[1])});
        }
        java.util.Map<Integer, String> uids = new java.util.HashMap<>();
        send("UIDL");
        try {
            status("UIDL");
            for (String line : multiline()) {
                String[] p = line.trim().split(" +", 2);
                if (p.length < 2) throw new ProtocolException("bad UIDL line: " + line);
                uids.put(Integer.parseInt(p[0]), p[1]);
            }
        } catch (Pop3Exception noUidl) {
            // server without UIDL: messages are identified by content hash instead
        }
        List<Entry> result = new ArrayList<>(sizes.size());
        for (long[] s : sizes) result.add(new Entry((int) s[0], s[1], uids.get((int) s[0])));
        return result;
    }

    /** RETR: writes the message, dot-unstuffed, with its own line ends, to {@code sink}. */
    public void retrieve(int number, OutputStream sink) throws IOException, Pop3Exception {
        send("RETR " + number);
        status("RETR " + number);
        // state: 0 = at start of line, 1 = inside a line, 2 = start of line after a leading '.'
        int state = 0;
        byte[] buf = new byte[64 * 1024];
        int n = 0;
        while (true) {
            int c = in.read();
            if (c < 0) throw new EOFException("connection closed inside RETR " + number);
            if (state == 0 && c == '.') {
                state = 2;
                continue;
            }
            if (state == 2) {
                if (c == '\r') {
                    int d = in.read();
                    if (d == '\n') break; // end of message
                    throw new ProtocolException("'.' CR not followed by LF in RETR " + number);
                }
                if (c == '\n') break;
                state = 1; // drop the stuffed dot
            }
            buf[n++] = (byte) c;
            if (n == buf.length) {
                sink.write(buf, 0, n);
                n = 0;
            }
            state = c == '\n' ? 0 : 1;
        }
        sink.write(buf, 0, n);
    }

    /** Marks a message deleted; it is removed at {@link #quit()}. */
    public void delete(int number) throws IOException, Pop3Exception {
        send("DELE " + number);
        status("DELE " + number);
    }

    /** QUIT: commits deletions (UPDATE state) and closes. */
    public void quit() throws IOException, Pop3Exception {
        try {
            send("QUIT");
            status("QUIT");
        } finally {
            close();
        }
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String status(String what) throws IOException, Pop3Exception {
        String line = readLine(MAX_STATUS_LINE);
        if (line.startsWith("+OK")) return line;
        if (line.startsWith("-ERR")) {
            String text = line.substring(4).trim();
            throw new Pop3Exception(what.startsWith("PASS") ? "login failed: " + text : what + ": " + text);
        }
        throw new ProtocolException("not a POP3 status line after " + (what.startsWith("PASS") ? "PASS" : what));
    }

    private List<String> multiline() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = readLine(MAX_STATUS_LINE);
            if (l.equals(".")) return lines;
            if (lines.size() >= 10_000_000) throw new ProtocolException("listing longer than 10,000,000 lines");
            lines.add(l.startsWith(".") ? l.substring(1) : l);
        }
    }

    private String readLine(int max) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        while (true) {
            int c = in.read();
            if (c < 0) throw new EOFException("POP3 server closed the connection");
            if (c == '\n') break;
            if (b.size() >= max) throw new ProtocolException("POP3 response line longer than " + max + " bytes");
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
