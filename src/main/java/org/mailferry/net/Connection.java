package org.mailferry.net;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;

/**
 * One client connection as a protocol session sees it: a {@link LineReader} for input, a buffered output,
 * the client's address, and TLS — implicit ({@link #open} with TLS) or upgraded later ({@link #startTls()}).
 *
 * <p>{@link #startTls()} drops every plaintext byte the client sent after the STARTTLS command before the
 * handshake (RFC 3207 §4.2, RFC 2595 §3.1: the STARTTLS-injection attack) and reports how many there were; the
 * session must then forget everything it learned before (its state is rebuilt fresh). The input and output
 * objects stay the same across the upgrade, so codecs holding them keep working.
 */
public final class Connection implements AutoCloseable {
    private final Socket plain;
    private final TlsConfig tls;
    private Socket socket;
    private final LineReader in;
    private final Output out;
    private boolean secure;

    private Connection(Socket socket, TlsConfig tls) throws IOException {
        this.plain = socket;
        this.socket = socket;
        this.tls = tls;
        this.in = new LineReader(socket.getInputStream());
        this.out = new Output(new BufferedOutputStream(socket.getOutputStream(), 16 * 1024));
    }

    /**
     * Wraps an accepted socket; with {@code implicitTls} the TLS handshake is done first.
     *
     * @param tls the TLS configuration, or null when TLS is not available
     */
    public static Connection open(Socket socket, TlsConfig tls, boolean implicitTls) throws IOException {
        Connection c = new Connection(socket, tls);
        if (implicitTls) {
            if (tls == null) {
                throw new IOException("implicit TLS without a TLS configuration");
            }
            c.upgrade();
        }
        return c;
    }

    public LineReader in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }

    public void flush() throws IOException {
        out.flush();
    }

    public boolean secure() {
        return secure;
    }

    /** Whether STARTTLS can be offered: TLS is configured and not yet in use. */
    public boolean canStartTls() {
        return tls != null && !secure;
    }

    public InetAddress remoteAddress() {
        return ((InetSocketAddress) plain.getRemoteSocketAddress()).getAddress();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) plain.getLocalSocketAddress();
    }

    /** The TLS protocol and cipher in use (for the Received header), or null. */
    public String tlsDescription() {
        if (socket instanceof SSLSocket s) {
            return s.getSession().getProtocol() + " " + s.getSession().getCipherSuite();
        }
        return null;
    }

    /**
     * Switches to TLS after the session has sent its "go ahead" reply (flushed here). Plaintext the client
     * pipelined after the command is discarded; the count is returned so the session can log it.
     */
    public int startTls() throws IOException {
        if (!canStartTls()) {
            throw new IllegalStateException("TLS not available or already active");
        }
        out.flush();
        int dropped = in.discardBuffered();
        upgrade();
        return dropped;
    }

    /** The longest a TLS handshake may take, so a silent client cannot hold a connection slot for long. */
    static final int HANDSHAKE_TIMEOUT_MILLIS = 30_000;

    private void upgrade() throws IOException {
        int idle = plain.getSoTimeout();
        plain.setSoTimeout(idle == 0 ? HANDSHAKE_TIMEOUT_MILLIS : Math.min(idle, HANDSHAKE_TIMEOUT_MILLIS));
        SSLSocket s = tls.wrap(plain, null);
        s.setSoTimeout(idle);
        socket = s;
        in.setSource(s.getInputStream());
        out.target = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
        secure = true;
    }

    /** Changes the idle timeout (e.g. longer during IMAP IDLE). */
    public void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() {
        try {
            out.flush();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    /** An output whose target changes at the TLS upgrade. */
    private static final class Output extends OutputStream {
        private OutputStream target;

        Output(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            target.close();
        }
    }
}
