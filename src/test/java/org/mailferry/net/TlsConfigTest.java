package org.mailferry.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsConfigTest {
    @TempDir
    Path dir;

    private static X509Certificate serverCert(TlsConfig tls) throws Exception {
        try (Listener l = Listener.start("t", InetAddress.getLoopbackAddress(), 0, Listener.Limits.DEFAULT, s -> {
            Connection c = Connection.open(s, tls, true);
            c.out().write("hi\r\n".getBytes());
            c.flush();
            c.in().readLine(100);
        }); SSLSocket s = TlsTesting.connect(l.localAddress().getPort())) {
            assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void selfSignedIsMadeOnceAndReused() throws Exception {
        Path file = dir.resolve("Settings/SelfSigned.p12");
        TlsConfig a = TlsConfig.load(null, null, null, file, "mail.example.test");
        assertThat(file).exists();
        assertThat(Files.getPosixFilePermissions(file).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        X509Certificate first = serverCert(a);
        assertThat(first.getSubjectX500Principal().getName()).contains("CN=mail.example.test");
        assertThat(first.getSubjectAlternativeNames().toString()).contains("mail.example.test", "127.0.0.1");
        TlsConfig b = TlsConfig.load(null, null, null, file, "other.name");
        assertThat(serverCert(b)).isEqualTo(first);
    }

    private void openssl(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    void loadsPemAndPkcs12MadeByOpenssl() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
                "-subj", "/CN=pem.example.test", "-days", "2");
        openssl("pkcs12", "-export", "-in", "cert.pem", "-inkey", "key.pem", "-out", "both.p12",
                "-passout", "pass:s3cret");
        Files.writeString(dir.resolve("combined.pem"), Files.readString(dir.resolve("cert.pem"))
                + Files.readString(dir.resolve("key.pem")));
        Path unused = dir.resolve("unused.p12");
        for (TlsConfig t : new TlsConfig[] {
                TlsConfig.load(dir.resolve("cert.pem"), dir.resolve("key.pem"), null, unused, "x"),
                TlsConfig.load(dir.resolve("combined.pem"), null, null, unused, "x"),
                TlsConfig.load(dir.resolve("both.p12"), null, "s3cret", unused, "x")}) {
            assertThat(serverCert(t).getSubjectX500Principal().getName()).isEqualTo("CN=pem.example.test");
        }
        assertThat(unused).doesNotExist();
        assertThatThrownBy(() -> TlsConfig.load(dir.resolve("both.p12"), null, "wrong", unused, "x"))
                .hasMessageContaining("wrong password");
        assertThatThrownBy(() -> TlsConfig.load(dir.resolve("cert.pem"), null, null, unused, "x"))
                .hasMessageContaining("no private key");
        assertThatThrownBy(() -> TlsConfig.load(dir.resolve("missing.pem"), null, null, unused, "x"))
                .hasMessageContaining("missing.pem does not exist");
    }

    @Test
    void onlyTls12AndUpAreOffered() throws Exception {
        TlsConfig tls = TlsConfig.load(null, null, null, dir.resolve("s.p12"), "localhost");
        AtomicInteger seen = new AtomicInteger();
        try (Listener l = Listener.start("t", InetAddress.getLoopbackAddress(), 0, Listener.Limits.DEFAULT, s -> {
            Connection c = Connection.open(s, tls, true);
            seen.incrementAndGet();
            c.in().readLine(100);
        })) {
            SSLSocket s = (SSLSocket) TlsTesting.trustAll().getSocketFactory().createSocket("127.0.0.1",
                    l.localAddress().getPort());
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.startHandshake();
            assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.2");
            s.close();
        }
        assertThat(TlsConfig.PROTOCOLS).containsExactly("TLSv1.3", "TLSv1.2");
    }

    /** STARTTLS: a command pipelined in plaintext behind STARTTLS never reaches the session. */
    @Test
    void startTlsDropsPipelinedPlaintext() throws Exception {
        TlsConfig tls = TlsConfig.load(null, null, null, dir.resolve("s.p12"), "localhost");
        AtomicInteger dropped = new AtomicInteger(-1);
        StringBuilder afterTls = new StringBuilder();
        try (Listener l = Listener.start("t", InetAddress.getLoopbackAddress(), 0, Listener.Limits.DEFAULT, s -> {
            Connection c = Connection.open(s, tls, false);
            assertThat(c.canStartTls()).isTrue();
            byte[] cmd = c.in().readLine(100);
            if (new String(cmd).equals("STARTTLS")) {
                c.out().write("go ahead\r\n".getBytes());
                dropped.set(c.startTls());
                byte[] line = c.in().readLine(100);
                synchronized (afterTls) {
                    afterTls.append(new String(line));
                }
                c.out().write(("echo " + new String(line) + "\r\n").getBytes());
                c.flush();
            }
        }); Socket plain = new Socket("127.0.0.1", l.localAddress().getPort())) {
            plain.setSoTimeout(10_000);
            OutputStream o = plain.getOutputStream();
            o.write("STARTTLS\r\nINJECTED COMMAND\r\n".getBytes());
            o.flush();
            BufferedReader r = new BufferedReader(new InputStreamReader(plain.getInputStream()));
            assertThat(r.readLine()).isEqualTo("go ahead");
            SSLSocket s = TlsTesting.clientUpgrade(plain);
            s.getOutputStream().write("hello\r\n".getBytes());
            s.getOutputStream().flush();
            BufferedReader tr = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(tr.readLine()).isEqualTo("echo hello");
        }
        assertThat(dropped.get()).isEqualTo("INJECTED COMMAND\r\n".length());
        synchronized (afterTls) {
            assertThat(afterTls.toString()).isEqualTo("hello");
        }
    }

    @Test
    void implicitTlsRefusesPlaintextClients() throws Exception {
        TlsConfig tls = TlsConfig.load(null, null, null, dir.resolve("s.p12"), "localhost");
        try (Listener l = Listener.start("t", InetAddress.getLoopbackAddress(), 0, Listener.Limits.DEFAULT,
                s -> Connection.open(s, tls, true)); Socket plain = new Socket("127.0.0.1",
                l.localAddress().getPort())) {
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write("a LOGIN x y\r\n".getBytes());
            byte[] got = plain.getInputStream().readNBytes(5);
            assertThat(new String(got, StandardCharsets.ISO_8859_1)).doesNotContain("OK");
        } catch (IOException expected) {
            // the server closing the connection is as good
        }
    }
}
