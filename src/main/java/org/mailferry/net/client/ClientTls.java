package org.mailferry.net.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client's TLS settings for one side of a move: the {@link TlsMode}, and whom to trust — the JDK's CAs plus
 * the certificates of an optional PEM file ({@code --ca-file}), with the server's host name (or IP address)
 * checked against the certificate (RFC 6125 / RFC 2818 rules, as JSSE's "HTTPS" identification does); or,
 * {@code insecure}, any certificate and any name (for an old server's self-signed certificate).
 *
 * <p>Explicit modes (STARTTLS, IMPLICIT) fail the handshake on a certificate that does not verify. AUTO is
 * opportunistic (RFC 7435): the certificate is checked the same way, but a failure is recorded
 * ({@link #unverified}) instead of ending the connection — encrypted but unauthenticated is still better than
 * the plaintext the same command line used before, and a fresh server's self-signed certificate must not break
 * the seed's command lines. Callers warn about it (docs/adr/0006-movers-tls-defaults.md).
 *
 * <p>Opens the TCP connection ({@link #open}) and layers TLS on it, at once for implicit TLS or later for
 * STARTTLS ({@link #wrap}). TLS 1.2 and 1.3 only (the JDK's defaults). The protocol clients read and write
 * through the new socket after {@link #wrap} and drop whatever plaintext they had buffered (RFC 3207 §4.2,
 * RFC 2595 §3.1). Does not do client certificates.
 */
public record ClientTls(TlsMode mode, java.util.function.Supplier<SSLContext> context, boolean insecure, String caFile) {
    /** No TLS at all: the behaviour of the protocol clients before TLS existed. */
    public static final ClientTls NONE = new ClientTls(TlsMode.NONE, null, false, null);

    /**
     * Builds the settings; {@code caFile} (PEM, one or more certificates; null for none) adds to the JDK's
     * trusted CAs. Fails with {@link IllegalArgumentException} naming the file when it cannot be used.
     */
    public static ClientTls of(TlsMode mode, Path caFile, boolean insecure) {
        if (mode == TlsMode.NONE) return NONE;
        String ca = caFile == null ? null : caFile.toString();
        if (caFile != null) { // built now, so that a bad --ca-file is reported before anything is copied
            SSLContext ctx = context(mode, caFile, insecure);
            return new ClientTls(mode, () -> ctx, insecure, ca);
        }
        // built on first use: a move whose servers offer no TLS never pays for loading the JDK's trust store
        return new ClientTls(mode, new java.util.function.Supplier<>() {
            private SSLContext ctx;

            @Override
            public synchronized SSLContext get() {
                if (ctx == null) ctx = context(mode, null, insecure);
                return ctx;
            }
        }, insecure, null);
    }

    private static SSLContext context(TlsMode mode, Path caFile, boolean insecure) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            X509ExtendedTrustManager tm = insecure ? new TrustAll() : trust(caFile);
            if (mode == TlsMode.AUTO && !insecure) tm = new Recording(tm);
            ctx.init(null, new TrustManager[] {tm}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager trust(Path caFile) throws GeneralSecurityException {
        X509ExtendedTrustManager system = manager(null);
        if (caFile == null) return system;
        Collection<? extends java.security.cert.Certificate> certs;
        try (InputStream in = Files.newInputStream(caFile)) {
            certs = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("--ca-file " + caFile + ": cannot read PEM certificates: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) throw new IllegalArgumentException("--ca-file " + caFile + ": no certificate in the file");
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (var c : certs) ks.setCertificateEntry("ca" + i++, c);
        return new Either(system, manager(ks));
    }

    private static X509ExtendedTrustManager manager(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(ks);
        for (TrustManager t : f.getTrustManagers()) if (t instanceof X509ExtendedTrustManager x) return x;
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** The mode for a connection to {@code port} ({@link TlsMode#resolve}). */
    public TlsMode modeFor(int port, int implicitPort) { return mode.resolve(port, implicitPort); }

    /** Connects; with implicit TLS on this port, also does the TLS handshake. */
    public Socket open(String host, int port, int timeoutMillis, int implicitPort) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.setTcpNoDelay(true);
            return modeFor(port, implicitPort) == TlsMode.IMPLICIT ? wrap(s, host, port) : s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Layers TLS over a connected socket and does the handshake (closing {@code plain} on failure). */
    public SSLSocket wrap(Socket plain, String host, int port) throws IOException {
        if (context == null) throw new IllegalStateException("TLS is off");
        SSLSocket s = (SSLSocket) context.get().getSocketFactory().createSocket(plain, host, port, true);
        try {
            s.setSoTimeout(plain.getSoTimeout());
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            if (!insecure) p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.startHandshake();
            return s;
        } catch (SSLException e) {
            s.close();
            throw new TlsException(host + ":" + port, e);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** "TLSv1.3 TLS_AES_128_GCM_SHA256" for a TLS socket (and why its certificate did not verify), "no TLS" otherwise. */
    public static String describe(Socket s) {
        if (!(s instanceof SSLSocket t) || t.getSession() == null) return "no TLS";
        String why = unverified(s);
        return t.getSession().getProtocol() + " " + t.getSession().getCipherSuite() + (why == null ? "" : ", certificate not verified: " + why);
    }

    /** Why the certificate of this AUTO-mode connection did not verify, or null (verified, insecure mode, or no TLS). */
    public static String unverified(Socket s) { return UNVERIFIED.get(s); }

    private static final java.util.Map<Socket, String> UNVERIFIED = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** A TLS handshake failed; {@link #untrusted()} when the certificate or its name was the reason. */
    public static final class TlsException extends IOException {
        private final boolean untrusted;

        TlsException(String where, SSLException e) {
            super("TLS with " + where + " failed: " + reason(e), e);
            untrusted = isCertificateProblem(e);
        }

        public boolean untrusted() { return untrusted; }

        private static boolean isCertificateProblem(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof CertificateException) return true;
            return false;
        }

        private static String reason(SSLException e) {
            List<String> parts = new ArrayList<>();
            for (Throwable t = e; t != null && parts.size() < 3; t = t.getCause()) {
                String m = t.getMessage();
                if (m != null && parts.stream().noneMatch(p -> p.contains(m))) parts.add(m);
            }
            return String.join(": ", parts);
        }
    }

    /** The JDK's trust, then the --ca-file's: a chain either accepts (each checks the host name itself). */
    private static final class Either extends ServerOnly {
        private final X509ExtendedTrustManager first, second;

        Either(X509ExtendedTrustManager first, X509ExtendedTrustManager second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType, socket);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType, engine);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            all.addAll(List.of(second.getAcceptedIssuers()));
            return all.toArray(X509Certificate[]::new);
        }
    }

    /** AUTO mode: checks like the delegate, but records a failure for the socket instead of refusing. */
    private static final class Recording extends ServerOnly {
        private final X509ExtendedTrustManager delegate;

        Recording(X509ExtendedTrustManager delegate) { this.delegate = delegate; }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            try {
                delegate.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                UNVERIFIED.put(socket, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() { return delegate.getAcceptedIssuers(); }
    }

    /** --insecure: every certificate, every name. */
    private static final class TrustAll extends ServerOnly {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) { }

        @Override
        public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }

    /** A client checks server certificates only. */
    private abstract static class ServerOnly extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client does not check client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a client does not check client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a client does not check client certificates");
        }
    }
}
