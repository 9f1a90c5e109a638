package org.mailferry.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailferry.data.DataFormat;

/**
 * A client of the PWD/CLI protocol, for the {@code mailferry cli} command, the importers and tests. It logs
 * in with USER/PASS (or APOP when asked: then the password does not cross the wire, but the server must keep
 * it in clear), switches to INLINE mode, and sends one command line at a time.
 */
public final class CliClient implements AutoCloseable {
    private static final Pattern TOKEN = Pattern.compile("<[^<>@\\s]+@[^<>\\s]+>");

    /** A reply other than 200/201: the server's code and text. */
    public static final class CliError extends IOException {
        private final int code;

        public CliError(int code, String text) {
            super(text);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private CliClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /** Connects, logs in with USER/PASS and enters INLINE mode. */
    public static CliClient connect(String host, int port, String user, String password, int timeoutMillis)
            throws IOException {
        return connect(host, port, user, password, timeoutMillis, false);
    }

    /**
     * Connects, logs in and enters INLINE mode. With {@code apop} the password does not cross the wire (APOP
     * with the greeting's token), but the server must store it in clear; USER/PASS works with every stored form.
     */
    public static CliClient connect(String host, int port, String user, String password, int timeoutMillis,
            boolean apop) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            CliClient c = new CliClient(s);
            c.login(user, password, apop);
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void login(String user, String password, boolean apop) throws IOException {
        String greeting = readReply();
        Matcher m = TOKEN.matcher(greeting);
        if (apop && m.find()) {
            String digest = HexFormat.of().formatHex(CliServer.md5(m.group() + password));
            String r = send("APOP " + user + " " + digest);
            if (code(r) != 200) {
                throw new CliError(code(r), text(r));
            }
            inline();
            return;
        }
        String r = send("USER " + user);
        if (code(r) != 300) {
            throw new CliError(code(r), text(r));
        }
        r = send("PASS " + password);
        if (code(r) != 200) {
            throw new CliError(code(r), text(r));
        }
        inline();
    }

    private void inline() throws IOException {
        String r = send("INLINE");
        if (code(r) != 200) {
            throw new CliError(code(r), text(r));
        }
    }

    /** Sends a command line; returns the data (parsed) or null for a plain OK; throws {@link CliError} else. */
    public Object command(String line) throws IOException {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a CLI command is one line");
        }
        String r = send(line);
        int code = code(r);
        if (code == 201) {
            return DataFormat.parse(text(r));
        }
        if (code == 200) {
            return null;
        }
        throw new CliError(code, text(r));
    }

    private String send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readReply();
    }

    private String readReply() throws IOException {
        String r = in.readLine();
        if (r == null) {
            throw new IOException("the server closed the connection");
        }
        if (r.length() < 3 || !Character.isDigit(r.charAt(0))) {
            throw new IOException("not a CLI reply: " + r);
        }
        return r;
    }

    private static int code(String reply) {
        return Integer.parseInt(reply.substring(0, 3));
    }

    private static String text(String reply) {
        return reply.length() > 4 ? reply.substring(4) : "";
    }

    @Override
    public void close() throws IOException {
        try {
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in.readLine();
        } catch (IOException ignored) {
            // closing anyway
        } finally {
            socket.close();
        }
    }
}
