package org.mailferry.pop3.client;

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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mailferry.net.client.ClientSasl;
import org.mailferry.net.client.ClientTls;
import org.mailferry.net.client.TlsMode;

/**
 * A blocking POP3 client (RFC 1939): implicit TLS or STLS (RFC 2595), login by USER/PASS, APOP or AUTH
 * PLAIN/LOGIN/CRAM-MD5 (RFC 5034), STAT, UIDL, LIST, RETR streamed through
 * dot-unstuffing into a caller's stream, DELE and QUIT. Status lines are limited to 1,000 bytes
 * (RFC 2449 §4 allows 512) and each listing to 10 million entries; message lines are not limited because
 * they are streamed, never held. Deletions take effect only at QUIT (RFC 1939 §6). Never logs passwords.
 */
public final class Pop3Client implements AutoCloseable {
    private static final int MAX_STATUS_LINE = 1000;

    /** One message of the maildrop: its number in this session, size and unique id (null if no UIDL). */
    public record Entry(int number, long size, String uid) { }

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private String timestamp;
    private final Set<String> capabilities = new HashSet<>();
    private final Set<String> saslMechanisms = new HashSet<>();

    private Pop3Client(Socket socket) throws IOException {
        use(socket);
    }

    private void use(Socket s) throws IOException {
        this.socket = s;
        this.in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(s.getOutputStream(), 8 * 1024);
    }

    /** Connects without TLS and reads the greeting. */
    public static Pop3Client connect(String host, int port, int timeoutMillis) throws IOException, Pop3Exception {
        return connect(host, port, timeoutMillis, ClientTls.NONE);
    }

    /**
     * Connects, reads the greeting (keeping its APOP timestamp) and asks CAPA (RFC 2449); with TLS as
     * {@code tls} says: implicit (POP3S, port 995 in auto mode) or STLS (RFC 2595 §4) when required or, in
     * auto mode, when CAPA lists it. After STLS buffered plaintext is dropped and CAPA asked again.
     */
    public static Pop3Client connect(String host, int port, int timeoutMillis, ClientTls tls) throws IOException, Pop3Exception {
        Socket s = tls.open(host, port, timeoutMillis, 995);
        try {
            Pop3Client c = new Pop3Client(s);
            String greeting = c.status("greeting");
            int lt = greeting.indexOf('<'), gt = greeting.indexOf('>', Math.max(lt, 0));
            if (lt >= 0 && gt > lt) c.timestamp = greeting.substring(lt, gt + 1);
            c.capa();
            TlsMode mode = tls.modeFor(port, 995);
            if (!c.secure() && (mode == TlsMode.AUTO || mode == TlsMode.STARTTLS) && c.has("STLS")) {
                c.send("STLS");
                c.status("STLS");
                c.use(tls.wrap(c.socket, host, port));
                c.capa();
            } else if (!c.secure() && mode == TlsMode.STARTTLS) {
                throw new IOException("the POP3 server at " + host + ":" + port + " offers no STLS");
            }
            return c;
        } catch (IOException | Pop3Exception | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** CAPA (RFC 2449 §5); a server without it (-ERR) has no capabilities we rely on. */
    private void capa() throws IOException {
        capabilities.clear();
        saslMechanisms.clear();
        send("CAPA");
        try {
            status("CAPA");
        } catch (Pop3Exception none) {
            return;
        }
        for (String line : multiline()) {
            String[] w = line.trim().toUpperCase(Locale.ROOT).split(" +");
            if (w[0].isEmpty()) continue;
            capabilities.add(w[0]);
            if (w[0].equals("SASL")) saslMechanisms.addAll(List.of(w).subList(1, w.length));
        }
    }

    public boolean has(String capability) { return capabilities.contains(capability.toUpperCase(Locale.ROOT)); }

    /** True when the connection is encrypted (implicit TLS or STLS). */
    public boolean secure() { return socket instanceof javax.net.ssl.SSLSocket; }

    /** The TLS protocol and cipher suite, or "no TLS" (for --verbose). */
    public String tlsDescription() { return ClientTls.describe(socket); }

    /** Why the server's certificate did not verify (auto mode goes on encrypted but unauthenticated), or null. */
    public String certificateProblem() { return ClientTls.unverified(socket); }

    /** USER then PASS (RFC 1939 §7). */
    public void login(String user, String password) throws IOException, Pop3Exception {
        login(user, password, "USER");
    }

    /**
     * Logs in; returns the method used. {@code method}: USER (USER/PASS), APOP (RFC 1939 §7, needs the
     * greeting's timestamp), a SASL mechanism for AUTH (RFC 5034: one of ClientSasl.SUPPORTED), or AUTO: USER/PASS
     * unless CAPA leaves USER out, then the first SASL mechanism offered, then APOP when the greeting allows it.
     */
    public String login(String user, String password, String method) throws IOException, Pop3Exception {
        if (user.contains("\r") || user.contains("\n") || password.contains("\r") || password.contains("\n")) {
            throw new IllegalArgumentException("user name or password contains a line break");
        }
        String m = method == null ? "AUTO" : method.toUpperCase(Locale.ROOT);
        if (m.equals("AUTO")) {
            String sasl = ClientSasl.firstOffered(saslMechanisms);
            m = capabilities.isEmpty() || has("USER") ? "USER" : sasl != null ? sasl : timestamp != null ? "APOP" : "USER";
        }
        switch (m) {
            case "USER" -> {
                send("USER " + user);
                status("USER");
                send("PASS " + password);
                status("PASS");
            }
            case "APOP" -> {
                if (timestamp == null) throw new Pop3Exception("login failed: the server's greeting has no APOP timestamp (it does not offer APOP)");
                send("APOP " + user + " " + ClientSasl.apop(timestamp, password));
                status("PASS");
            }
            default -> authenticate(m, user, password);
        }
        return m.equals("USER") ? "USER/PASS" : m.equals("APOP") ? "APOP" : "AUTH " + m;
    }

    /** AUTH (RFC 5034): answers each "+ challenge" of the mechanism; "*" cancels a surplus one. */
    private void authenticate(String mech, String user, String password) throws IOException, Pop3Exception {
        ClientSasl.Exchange x = ClientSasl.start(mech, user, password);
        send("AUTH " + mech);
        while (true) {
            String line = readLine(MAX_STATUS_LINE);
            if (!line.startsWith("+ ") && !line.equals("+")) {
                statusOf(line, "PASS");
                if (!x.complete()) {
                    throw new ProtocolException("AUTH " + mech + ": the server said +OK before proving it knows the password's keys");
                }
                return;
            }
            String challenge = line.length() > 2 ? line.substring(2) : "";
            try {
                send(x.next(challenge));
            } catch (IllegalArgumentException e) {
                send("*"); // cancel (RFC 5034 §4)
                readLine(MAX_STATUS_LINE);
                throw new Pop3Exception("AUTH " + mech + ": " + e.getMessage());
            }
        }
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
        readMessage("RETR " + number, sink);
    }

    /**
     * TOP (RFC 1939 §7): writes the message's header, the blank line after it and the first {@code lines} lines
     * of its body, dot-unstuffed, to {@code sink}.
     */
    public void top(int number, int lines, OutputStream sink) throws IOException, Pop3Exception {
        send("TOP " + number + " " + lines);
        status("TOP " + number);
        readMessage("TOP " + number, sink);
    }

    /** Reads a multi-line message answer up to its terminating "." line, removing the stuffed dots. */
    private void readMessage(String command, OutputStream sink) throws IOException {
        // state: 0 = at start of line, 1 = inside a line, 2 = start of line after a leading '.'
        int state = 0;
        byte[] buf = new byte[64 * 1024];
        int n = 0;
        while (true) {
            int c = in.read();
            if (c < 0) throw new EOFException("connection closed inside " + command);
            if (state == 0 && c == '.') {
                state = 2;
                continue;
            }
            if (state == 2) {
                if (c == '\r') {
                    int d = in.read();
                    if (d == '\n') break; // end of message
                    throw new ProtocolException("'.' CR not followed by LF in " + command);
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
        return statusOf(readLine(MAX_STATUS_LINE), what);
    }

    private static String statusOf(String line, String what) throws IOException, Pop3Exception {
        if (line.startsWith("+OK")) return line;
        if (line.startsWith("-ERR")) {
            String text = line.substring(4).trim();
            String code = text.startsWith("[") && text.indexOf(']') > 0 ? text.substring(1, text.indexOf(']')) : "";
            throw new Pop3Exception(what.startsWith("PASS") ? "login failed: " + text : what + ": " + text, code);
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
