package org.mailferry.migrate;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.mailferry.net.client.ClientTls;
import org.mailferry.pop3.client.Pop3Client;
import org.mailferry.pop3.client.Pop3Exception;

/**
 * The old server's POP3 view of INBOX (MoveIMAPMail {@code --source-pop}), so that each INBOX message copied into
 * Mailferry keeps the UIDL POP clients know it by, whatever its form. A POP message and an IMAP message are the
 * same when their headers are (as Dovecot's pop3-migration plugin matches them): the POP side is read with
 * {@code TOP n 0}, the IMAP side from the copy in transit; line ends are counted as CRLF on both. Messages with
 * identical headers are paired in order. What is not matched keeps a UIDL of Mailferry's making.
 */
final class PopUidlMatcher {
    /** Header bytes compared at most; a longer header is compared on its first 1 MB. */
    static final int MAX_HEADER = 1024 * 1024;

    private final Map<String, ArrayDeque<String>> byHeader = new HashMap<>();
    private final int total;
    private int taken;

    private PopUidlMatcher(Map<String, List<String>> uidlsByHeader, int total) {
        uidlsByHeader.forEach((k, v) -> byHeader.put(k, new ArrayDeque<>(v)));
        this.total = total;
    }

    /**
     * Logs in to the old server's POP3 ({@code tls} as for the IMAP source), reads every message's UIDL and header,
     * and logs out.
     */
    static PopUidlMatcher load(HostPort pop, String user, String password, ClientTls tls, int timeoutMillis,
                               Consumer<String> progress) throws MoverException {
        Map<String, List<String>> byHeader = new HashMap<>();
        int total = 0;
        try (Pop3Client c = connect(pop, tls, timeoutMillis)) {
            try {
                c.login(user, password, "AUTO");
            } catch (Pop3Exception e) {
                throw new MoverException(ExitCodes.LOGIN_SOURCE, "POP server " + pop + " (--source-pop) refused the login of " + user
                        + ": " + e.getMessage(), e);
            }
            for (Pop3Client.Entry e : c.list()) {
                if (e.uid() == null) {
                    throw new MoverException(ExitCodes.CONNECT_SOURCE, "POP server " + pop + " (--source-pop) has no UIDL command:"
                            + " there are no UIDLs to keep");
                }
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                c.top(e.number(), 0, new Limited(head, MAX_HEADER));
                byHeader.computeIfAbsent(key(new ByteArrayInputStream(head.toByteArray())), k -> new java.util.ArrayList<>()).add(e.uid());
                total++;
            }
            c.quit();
        } catch (Pop3Exception e) {
            throw new MoverException(ExitCodes.CONNECT_SOURCE, "POP server " + pop + " (--source-pop): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MoverException(ExitCodes.CONNECT_SOURCE, "POP server " + pop + " (--source-pop): " + e.getMessage(), e);
        }
        progress.accept("POP " + pop + ": " + total + " UIDLs read to keep for INBOX");
        return new PopUidlMatcher(byHeader, total);
    }

    /**
     * The UIDLs of a POP3 maildrop, in message order (--verify with --source-pop and --target-pop). {@code side}
     * names the option in messages; {@code source} chooses the exit codes.
     */
    static List<String> uidls(HostPort pop, String user, String password, ClientTls tls, int timeoutMillis, String side, boolean source)
            throws MoverException {
        try (Pop3Client c = connect(pop, tls, timeoutMillis)) {
            try {
                c.login(user, password, "AUTO");
            } catch (Pop3Exception e) {
                throw new MoverException(source ? ExitCodes.LOGIN_SOURCE : ExitCodes.LOGIN_TARGET, "POP server " + pop + " (" + side
                        + ") refused the login of " + user + ": " + e.getMessage(), e);
            }
            List<String> out = new java.util.ArrayList<>();
            for (Pop3Client.Entry e : c.list()) out.add(e.uid());
            c.quit();
            return out;
        } catch (Pop3Exception | IOException e) {
            throw new MoverException(source ? ExitCodes.CONNECT_SOURCE : ExitCodes.CONNECT_TARGET, "POP server " + pop + " (" + side + "): "
                    + e.getMessage(), e);
        }
    }

    private static Pop3Client connect(HostPort pop, ClientTls tls, int timeoutMillis) throws MoverException {
        try {
            return Pop3Client.connect(pop.host(), pop.port(), timeoutMillis, tls);
        } catch (ClientTls.TlsException e) {
            throw new MoverException(ExitCodes.CONNECT_SOURCE, "POP server " + pop + " (--source-pop): " + e.getMessage()
                    + (e.untrusted() ? "; give --ca-file PEM with its certificate or CA, or --source-insecure" : ""), e);
        } catch (IOException | Pop3Exception e) {
            throw new MoverException(ExitCodes.CONNECT_SOURCE, "cannot connect to POP server " + pop + " (--source-pop): " + e.getMessage(), e);
        }
    }

    /** The UIDL of the POP message whose header is this message's, once; null when none is left. */
    synchronized String take(Spool message) throws IOException {
        String k;
        try (InputStream in = message.open()) {
            k = key(in);
        }
        ArrayDeque<String> q = byHeader.get(k);
        String u = q == null ? null : q.poll();
        if (u != null) {
            taken++;
        }
        return u;
    }

    /** The UIDL of the POP message whose header is {@code header} (a message's header bytes), once; null when none is left. */
    synchronized String takeHeader(byte[] header) throws IOException {
        ArrayDeque<String> q = byHeader.get(key(new ByteArrayInputStream(header)));
        String u = q == null ? null : q.poll();
        if (u != null) taken++;
        return u;
    }

    /** Leaves out the UIDLs copies made by earlier runs keep already; returns how many of them the POP server has. */
    synchronized int exclude(java.util.Collection<String> kept) {
        java.util.Set<String> k = new java.util.HashSet<>(kept);
        int n = 0;
        for (ArrayDeque<String> q : byHeader.values()) {
            int before = q.size();
            q.removeIf(k::contains);
            n += before - q.size();
        }
        excluded += n;
        return n;
    }

    private int excluded;

    /** POP messages whose copy kept its UIDL in an earlier run. */
    synchronized int excluded() {
        return excluded;
    }

    /** POP messages read from the old server. */
    int total() {
        return total;
    }

    /** POP messages whose UIDL went to a copied message. */
    synchronized int taken() {
        return taken;
    }

    /**
     * SHA-256 of the header: its lines up to the blank line (or the end, or {@link #MAX_HEADER} bytes), each line
     * counted with CRLF whatever its own line end.
     */
    static String key(InputStream raw) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        InputStream in = new BufferedInputStream(raw, 16 * 1024);
        byte[] line = new byte[1024];
        int len = 0;
        long read = 0;
        for (int c; read < MAX_HEADER && (c = in.read()) >= 0; read++) {
            if (c == '\n') {
                if (len > 0 && line[len - 1] == '\r') len--;
                if (len == 0) break; // the blank line after the header
                md.update(line, 0, len);
                md.update(CRLF);
                len = 0;
                continue;
            }
            if (len == line.length) line = java.util.Arrays.copyOf(line, line.length * 2);
            line[len++] = (byte) c;
        }
        if (len > 0 && line[len - 1] == '\r') len--;
        md.update(line, 0, len);
        return HexFormat.of().formatHex(md.digest());
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** Passes on the first {@code limit} bytes and drops the rest. */
    private static final class Limited extends java.io.OutputStream {
        private final java.io.OutputStream out;
        private long left;

        Limited(java.io.OutputStream out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (left > 0) {
                out.write(b);
                left--;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = (int) Math.min(len, left);
            if (n > 0) {
                out.write(b, off, n);
                left -= n;
            }
        }
    }
}
