package org.mailferry.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Self-signed certificates for TLS tests, made with the openssl command (Debian openssl): an ECDSA P-256 key
 * and a certificate valid for two days whose subjectAltName names {@code names} (DNS names or IP addresses,
 * e.g. "IP:127.0.0.1", "DNS:localhost"). Files are PEM, the key unencrypted.
 */
public final class TestCertificates {
    private TestCertificates() { }

    /** A certificate and its key. */
    public record Pem(Path cert, Path key) { }

    public static Pem selfSigned(Path dir, String name, String... subjectAltNames) throws IOException, InterruptedException {
        Path cert = dir.resolve(name + "-cert.pem"), key = dir.resolve(name + "-key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-subj", "/CN=" + name, "-addext", "subjectAltName=" + String.join(",", subjectAltNames), "-days", "2",
                "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("openssl req failed: " + out);
        // Dovecot's login processes run as another user when we are root: let them read the key
        key.toFile().setReadable(true, false);
        return new Pem(cert, key);
    }
}
