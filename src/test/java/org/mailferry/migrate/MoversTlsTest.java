package org.mailferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotServer;
import org.mailferry.testing.ServerProcess;
import org.mailferry.testing.SmtpSinkServer;
import org.mailferry.testing.TestCertificates;

/**
 * The movers over TLS and with SASL against real peers: a private Dovecot with ssl = yes and a self-signed
 * certificate made for the test (IMAPS and POP3S on their own ports, STARTTLS/STLS on the plain ones,
 * disable_plaintext_auth = yes, reached on 127.0.0.2 so that Dovecot does not count our 127.0.0.1 as a secure local client,
 * mechanisms PLAIN LOGIN CRAM-MD5 APOP) and Mailferry's submission port
 * (STARTTLS with its own self-signed certificate, AUTH). Checks the automatic choices, the certificate rules
 * (verified with --ca-file, refused in strict mode without it, warned about in auto mode, accepted with
 * --*-insecure), and that no password or AUTH payload reaches the --verbose output.
 */
class MoversTlsTest {
    static final String PW = "pw-Zq9!x";
    static final String H = "127\\.0\\.0\\.2";
    static DovecotServer dovecot;
    static TestCertificates.Pem cert;

    @TempDir
    static Path certDir;

    @TempDir
    Path tmp;

    static final String A = "127.0.0.2";

    static String imapAt() { return A + ":" + dovecot.imapPort(); }

    static String imapsAt() { return A + ":" + dovecot.imapsPort(); }

    static String pop3At() { return A + ":" + dovecot.pop3Port(); }

    static String pop3sAt() { return A + ":" + dovecot.pop3sPort(); }

    @BeforeAll
    static void start() throws Exception {
        cert = TestCertificates.selfSigned(certDir, "localhost", "IP:127.0.0.2", "DNS:localhost");
        DovecotServer.Builder b = DovecotServer.builder().alsoListenOn("127.0.0.2").tls(cert.cert(), cert.key())
                .extraConfig("disable_plaintext_auth = yes\nauth_mechanisms = plain login cram-md5 apop scram-sha-256 scram-sha-1");
        for (String u : List.of("ann", "bob", "cat", "dan", "eli", "fox", "gil", "hose", "ida", "jo", "kay")) b.user(u, PW);
        dovecot = b.start();
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) dovecot.close();
    }

    MoverRun imap(String... args) { return MoverRun.imap(tmp.resolve("journal"), args); }

    MoverRun pop(String... args) { return MoverRun.pop(tmp.resolve("journal"), args); }

    static void assertNoSecrets(String out, String user, String password) {
        assertThat(out).doesNotContain(password);
        byte[] plain = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain(Base64.getEncoder().encodeToString(plain))
                .doesNotContain(Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)));
    }

    static List<DovecotCorpus.Folder> corpus(long seed) {
        Random r = new Random(seed);
        List<DovecotCorpus.Message> inbox = new ArrayList<>(), work = new ArrayList<>();
        for (int i = 0; i < 12; i++) (i % 3 == 0 ? work : inbox).add(DovecotCorpus.message(r, i, i % 9));
        return List.of(new DovecotCorpus.Folder(List.of("INBOX"), inbox), new DovecotCorpus.Folder(List.of("Work"), work));
    }

    @Test
    void imapsSourceAndStarttlsTargetWithVerifiedCertificatesAndCramMd5() throws Exception {
        DovecotCorpus.fill(dovecot, "ann", corpus(1));
        MoverRun r = imap("--ca-file", cert.cert().toString(), "--source-tls", "implicit", "--target-auth", "cram-md5",
                imapsAt(), "ann", PW, imapAt(), "bob", PW);
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("source " + H + ":" + dovecot.imapsPort() + ": TLSv1\\.[23] \\S+; logged in as ann with LOGIN")
                .containsPattern("target " + H + ":" + dovecot.imapPort() + ": TLSv1\\.[23] \\S+; logged in as bob with AUTHENTICATE CRAM-MD5")
                .doesNotContain("not verified");
        assertNoSecrets(r.out(), "bob", PW);
        assertThat(MailboxComparison.compare(dovecot, "ann", dovecot, "bob", Map.of("INBOX", "INBOX", "Work", "Work"))).isEmpty();
    }

    @Test
    void withoutTlsTheServerDisablesLoginAndAutoPicksScramThenCramMd5() throws Exception {
        DovecotCorpus.fill(dovecot, "cat", corpus(2));
        MoverRun r = imap("--source-tls", "none", "--target-tls", "none", "--target-auth", "cram-md5", imapAt(), "cat", PW, imapAt(), "dan", PW);
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("source " + A + ":" + dovecot.imapPort() + ": no TLS; logged in as cat with AUTHENTICATE SCRAM-SHA-256")
                .contains("target " + A + ":" + dovecot.imapPort() + ": no TLS; logged in as dan with AUTHENTICATE CRAM-MD5");
        assertNoSecrets(r.out(), "cat", PW);
        MoverRun plainForced = imap("--source-tls", "none", "--source-auth", "plain", imapAt(), "cat", PW, imapAt(), "dan", PW);
        assertThat(plainForced.code()).as(plainForced.out()).isEqualTo(ExitCodes.LOGIN_SOURCE);
        assertNoSecrets(plainForced.out(), "cat", PW);
    }

    @Test
    void certificateRulesStrictRefusesAutoWarnsInsecureAccepts() throws Exception {
        MoverRun strict = imap("--source-tls", "implicit", imapsAt(), "eli", PW, imapAt(), "fox", PW);
        assertThat(strict.code()).as(strict.out()).isEqualTo(ExitCodes.CONNECT_SOURCE);
        assertThat(strict.out()).contains("TLS with " + A + ":" + dovecot.imapsPort() + " failed").contains("--ca-file PEM")
                .contains("--source-insecure");

        MoverRun auto = imap(imapAt(), "eli", PW, imapAt(), "fox", PW);
        assertThat(auto.code()).as(auto.out()).isZero();
        assertThat(auto.out()).contains("warning: source " + A + ":" + dovecot.imapPort() + ": TLS certificate not verified")
                .contains("warning: target " + A + ":" + dovecot.imapPort() + ": TLS certificate not verified");
        assertThat(auto.out().split("warning: source", -1)).as("warned once per side").hasSize(2);

        MoverRun insecure = imap("--source-tls", "implicit", "--source-insecure", "--target-tls", "starttls", "--target-insecure",
                imapsAt(), "eli", PW, imapAt(), "fox", PW);
        assertThat(insecure.code()).as(insecure.out()).isZero();
        assertThat(insecure.out()).doesNotContain("not verified").containsPattern("source \\S+: TLSv1");

        Path wrongCa = TestCertificates.selfSigned(tmp, "other", "DNS:other.test").cert();
        MoverRun wrong = imap("--ca-file", wrongCa.toString(), "--target-tls", "starttls", imapAt(), "eli", PW,
                imapAt(), "fox", PW);
        assertThat(wrong.code()).as(wrong.out()).isEqualTo(ExitCodes.CONNECT_TARGET);
        assertThat(imap("--ca-file", tmp.resolve("missing.pem").toString(), imapAt(), "eli", PW, imapAt(), "fox", PW)
                .code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void moveAccountsPassesTheTlsAndLoginOptionsToTheMover() throws Exception {
        DovecotCorpus.fill(dovecot, "gil", corpus(4));
        Path list = tmp.resolve("AccountList");
        java.nio.file.Files.writeString(list, "Name\tPassword\tNewName\tNewPassword\ngil\t" + PW + "\those\t" + PW + "\n");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
        int code = MoveAccounts.run(new String[] {"--IMAP", list.toString(), imapsAt(), imapAt(), "--verbose", "--journal",
                tmp.resolve("journal").toString(), "--source-tls", "implicit", "--target-tls", "starttls", "--target-auth", "login",
                "--ca-file", cert.cert().toString()}, ps, ps);
        String out = o.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        assertThat(out).containsPattern("target " + H + ":\\d+: TLSv1\\.[23] \\S+; logged in as hose with AUTHENTICATE LOGIN");
        assertNoSecrets(out, "hose", PW);
        assertThat(MailboxComparison.compare(dovecot, "gil", dovecot, "hose", Map.of("INBOX", "INBOX", "Work", "Work"))).isEmpty();
    }

    /**
     * SCRAM (RFC 7677, RFC 5802) with Dovecot over IMAP and POP3, and with Mailferry's submission port: no password
     * on the wire, and the server proves it knows the keys; a wrong password is a login failure, not a hang.
     */
    @Test
    void scramOverImapPop3AndSmtp() throws Exception {
        DovecotCorpus.fill(dovecot, "jo", corpus(7));
        MoverRun r = imap("--source-tls", "none", "--target-tls", "none", "--source-auth", "scram-sha-1", "--target-auth", "scram-sha-256",
                imapAt(), "jo", PW, imapAt(), "kay", PW);
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("logged in as jo with AUTHENTICATE SCRAM-SHA-1").contains("logged in as kay with AUTHENTICATE SCRAM-SHA-256");
        assertThat(MailboxComparison.compare(dovecot, "jo", dovecot, "kay", Map.of("INBOX", "INBOX", "Work", "Work"))).isEmpty();
        MoverRun wrong = imap("--source-tls", "none", "--source-auth", "scram-sha-256", imapAt(), "jo", "not-" + PW, imapAt(), "kay", PW);
        assertThat(wrong.code()).as(wrong.out()).isEqualTo(ExitCodes.LOGIN_SOURCE);

        int cli = ServerProcess.freePort(), imap = ServerProcess.freePort(), submission = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(tmp.resolve("base-scram"), Map.of("cli", cli, "imap", imap, "submission", submission))) {
            MoverRun p = pop("--pop-tls", "none", "--pop-auth", "scram-sha-256", "--smtp-tls", "none", "--smtp-user", "postmaster",
                    "--smtp-password", "secret", "--smtp-auth", "scram-sha-256", pop3At(), "jo", PW, "127.0.0.1:" + submission,
                    "postmaster@example.test");
            assertThat(p.code()).as(p.out()).isZero();
            assertThat(p.out()).contains("logged in as jo with AUTH SCRAM-SHA-256").contains("AUTH SCRAM-SHA-256 as postmaster");
            assertNoSecrets(p.out(), "jo", PW);
            assertNoSecrets(p.out(), "postmaster", "secret");
        }
    }

    @Test
    void popOverTlsWithApopAndAuthPlainIntoSmtpWithStarttlsAndAuth() throws Exception {
        List<DovecotCorpus.Folder> c = corpus(3);
        DovecotCorpus.fill(dovecot, "eli", List.of(c.get(0)));
        int cli = ServerProcess.freePort(), imap = ServerProcess.freePort(), submission = ServerProcess.freePort();
        int smtps = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(tmp.resolve("base"),
                Map.of("cli", cli, "imap", imap, "submission", submission, "smtps", smtps))) {
            MoverRun r = pop("--ca-file", cert.cert().toString(), "--pop-tls", "implicit", "--pop-auth", "apop", "--smtp-user", "postmaster", "--smtp-password", "secret",
                    pop3sAt(), "eli", PW, "127.0.0.1:" + submission, "postmaster@example.test");
            assertThat(r.code()).as(r.out()).isZero();
            assertThat(r.out()).containsPattern("POP " + H + ":" + dovecot.pop3sPort() + ": TLSv1\\.[23] \\S+; logged in as eli with APOP")
                    .containsPattern("SMTP 127\\.0\\.0\\.1:" + submission + ": TLSv1\\.[23] .*; AUTH PLAIN as postmaster")
                    .contains("warning: SMTP 127.0.0.1:" + submission + ": TLS certificate not verified");
            assertNoSecrets(r.out(), "eli", PW);
            assertNoSecrets(r.out(), "postmaster", "secret");
            try (DovecotImap box = new DovecotImap("127.0.0.1", imap, "postmaster", "secret")) {
                long deadline = System.nanoTime() + 10_000_000_000L; // submission queues, then delivers
                while (box.messages("INBOX").size() < c.get(0).messages().size() && System.nanoTime() < deadline) Thread.sleep(100);
                assertThat(box.messages("INBOX")).hasSize(c.get(0).messages().size());
            }
            // SMTPS (implicit TLS, RFC 8314): strict, so Mailferry's self-signed certificate is refused unless --smtp-insecure
            DovecotCorpus.fill(dovecot, "ida", List.of(new DovecotCorpus.Folder(List.of("INBOX"), corpus(5).get(1).messages())));
            MoverRun strict = pop("--smtp-tls", "implicit", "--smtp-user", "postmaster", "--smtp-password", "secret",
                    pop3At(), "ida", PW, "127.0.0.1:" + smtps, "postmaster@example.test");
            assertThat(strict.code()).as(strict.out()).isEqualTo(ExitCodes.CONNECT_TARGET);
            assertThat(strict.out()).contains("--smtp-insecure");
            MoverRun implicit = pop("--smtp-tls", "implicit", "--smtp-insecure", "--smtp-user", "postmaster", "--smtp-password", "secret",
                    "--smtp-auth", "login", pop3At(), "ida", PW, "127.0.0.1:" + smtps, "postmaster@example.test");
            assertThat(implicit.code()).as(implicit.out()).isZero();
            assertThat(implicit.out()).containsPattern("SMTP 127\\.0\\.0\\.1:" + smtps + ": TLSv1\\.[23] \\S+; AUTH LOGIN as postmaster")
                    .doesNotContain("warning: SMTP");
            assertNoSecrets(implicit.out(), "postmaster", "secret");
        }
        DovecotCorpus.fill(dovecot, "fox", List.of(new DovecotCorpus.Folder(List.of("INBOX"), c.get(1).messages())));
        try (SmtpSinkServer sink = SmtpSinkServer.start()) {
            MoverRun r = pop("--ca-file", cert.cert().toString(), "--pop-tls", "starttls", "--pop-auth", "plain",
                    pop3At(), "fox", PW, sink.address(), "fox@new.example");
            assertThat(r.code()).as(r.out()).isZero();
            assertThat(r.out()).containsPattern("POP " + H + ":" + dovecot.pop3Port() + ": TLSv1\\.[23] \\S+; logged in as fox with AUTH PLAIN")
                    .contains("SMTP " + sink.address() + ": no TLS");
            assertNoSecrets(r.out(), "fox", PW);
            assertThat(sink.received()).hasSize(c.get(1).messages().size());
        }
    }
}
