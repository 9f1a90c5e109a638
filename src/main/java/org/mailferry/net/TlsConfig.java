package org.mailferry.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The server's TLS: an {@link SSLContext} from a PEM certificate chain and key, or a PKCS#12 file, named in the
 * settings; without one, a self-signed certificate made on first start and kept in the base directory. Only
 * TLS 1.2 and 1.3 are enabled. Used for implicit TLS (465, 993, 995) and STARTTLS/STLS.
 */
public final class TlsConfig {
    /** The protocols offered: nothing older than TLS 1.2. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext context;
    private final String description;

    private TlsConfig(SSLContext context, String description) {
        this.context = context;
        this.description = description;
    }

    public SSLContext context() {
        return context;
    }

    /** Where the certificate came from, for the log. */
    public String description() {
        return description;
    }

    /**
     * Loads the configured certificate, or the self-signed one (made on first use).
     *
     * @param certificate  a PEM file (certificate chain, and the key unless {@code key} is given) or a
     *                     {@code .p12}/{@code .pfx} file; null for the self-signed certificate
     * @param key          a PEM private key file, or null
     * @param password     the PKCS#12 password, or null
     * @param selfSigned   where the self-signed certificate is kept
     * @param hostName     the name put in a new self-signed certificate
     */
    public static TlsConfig load(Path certificate, Path key, String password, Path selfSigned, String hostName)
            throws IOException {
        try {
            KeyStore ks;
            char[] pw;
            String desc;
            if (certificate == null) {
                if (!Files.exists(selfSigned)) {
                    SelfSignedCertificate.create(selfSigned, hostName);
                }
                ks = pkcs12(selfSigned, SelfSignedCertificate.STORE_PASSWORD);
                pw = SelfSignedCertificate.STORE_PASSWORD;
                desc = "self-signed certificate " + selfSigned;
            } else {
                for (Path f : key == null ? List.of(certificate) : List.of(certificate, key)) {
                    if (!Files.isReadable(f)) {
                        throw new IOException("TLS certificate or key file " + f + " does not exist or is not readable");
                    }
                }
                String n = certificate.getFileName().toString().toLowerCase(Locale.ROOT);
                if (n.endsWith(".p12") || n.endsWith(".pfx")) {
                    pw = password == null ? new char[0] : password.toCharArray();
                    ks = pkcs12(certificate, pw);
                } else {
                    pw = SelfSignedCertificate.STORE_PASSWORD;
                    ks = pem(certificate, key == null ? certificate : key, pw);
                }
                desc = "certificate " + certificate;
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return new TlsConfig(ctx, desc);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the TLS certificate: " + e.getMessage(), e);
        }
    }

    private static KeyStore pkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the PKCS#12 file (wrong password?): " + e.getMessage(), e);
        }
        return ks;
    }

    private static KeyStore pem(Path certFile, Path keyFile, char[] pw) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        PrivateKey key = null;
        JcaX509CertificateConverter cc = new JcaX509CertificateConverter();
        JcaPEMKeyConverter kc = new JcaPEMKeyConverter();
        for (Path f : certFile.equals(keyFile) ? List.of(certFile) : List.of(certFile, keyFile)) {
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
                Object o;
                while ((o = p.readObject()) != null) {
                    switch (o) {
                        case X509CertificateHolder h -> chain.add(cc.getCertificate(h));
                        case PEMKeyPair kp -> key = kc.getKeyPair(kp).getPrivate();
                        case PrivateKeyInfo pki -> key = kc.getPrivateKey(pki);
                        default -> throw new IOException(f + ": unsupported PEM object " + o.getClass().getSimpleName()
                                + " (an encrypted key must be decrypted first)");
                    }
                }
            }
        }
        if (chain.isEmpty()) {
            throw new IOException(certFile + ": no certificate found");
        }
        if (key == null) {
            throw new IOException(keyFile + ": no private key found");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(SelfSignedCertificate.ALIAS, key, pw, chain.toArray(new Certificate[0]));
        return ks;
    }

    /** Wraps an accepted plain socket as the server side of TLS and completes the handshake. */
    public SSLSocket wrap(Socket plain, InputStream consumed) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, consumed, true);
        s.setUseClientMode(false);
        SSLParameters p = s.getSSLParameters();
        p.setProtocols(PROTOCOLS);
        p.setUseCipherSuitesOrder(true);
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }
}
