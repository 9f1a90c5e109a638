package org.mailferry.net;

import java.io.IOException;
import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Test helpers for TLS clients that accept any certificate (the server's is self-signed). */
public final class TlsTesting {
    private TlsTesting() {
    }

    public static SSLContext trustAll() {
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
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Wraps a connected plain socket as a TLS client and completes the handshake. */
    public static SSLSocket clientUpgrade(Socket plain) throws IOException {
        SSLSocket s = (SSLSocket) trustAll().getSocketFactory().createSocket(plain, "localhost", plain.getPort(),
                true);
        s.setUseClientMode(true);
        s.startHandshake();
        return s;
    }

    /** Opens an implicit-TLS client connection. */
    public static SSLSocket connect(int port) throws IOException {
        SSLSocket s = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", port);
        s.setSoTimeout(20_000);
        s.startHandshake();
        return s;
    }
}
