package org.mailferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotServer;

/**
 * OAuth 2.0 logins (XOAUTH2 as Gmail and Microsoft 365 take it, OAUTHBEARER of RFC 7628) against a Dovecot whose
 * oauth2 passdb asks a token introspection endpoint. The identity provider is the one part that cannot run here:
 * the test plays it with the JDK's HTTP server on loopback (form POST {@code token=...}, JSON
 * {@code active}/{@code username} answer, as Dovecot's {@code introspection_mode = post} expects).
 */
class MoversOAuth2Test {
    static final Map<String, String> TOKENS = new ConcurrentHashMap<>(); // access token -> user
    static final AtomicInteger introspections = new AtomicInteger();
    static HttpServer idp;
    static DovecotServer dovecot;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/introspect", x -> {
            introspections.incrementAndGet();
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String token = "";
            for (String kv : body.split("&")) {
                if (kv.startsWith("token=")) token = URLDecoder.decode(kv.substring(6), StandardCharsets.UTF_8);
            }
            String user = TOKENS.get(token);
            byte[] answer = (user == null ? "{\"active\":false}" : "{\"active\":true,\"username\":\"" + user + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, answer.length);
            x.getResponseBody().write(answer);
            x.close();
        });
        idp.start();
        dovecot = DovecotServer.builder().user("ann", "ann-pw").user("bob", "bob-pw").user("cy", "cy-pw")
                .oauth2("http://127.0.0.1:" + idp.getAddress().getPort() + "/introspect").start();
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) dovecot.close();
        if (idp != null) idp.stop(0);
    }

    MoverRun imap(String... args) { return MoverRun.imap(tmp.resolve("journal"), args); }

    @Test
    void xoauth2SourceAndOauthbearerTargetFromATokenFile() throws Exception {
        Random rnd = new Random(5);
        List<DovecotCorpus.Message> msgs = new ArrayList<>();
        for (int i = 0; i < 8; i++) msgs.add(DovecotCorpus.message(rnd, i, i % 9));
        DovecotCorpus.fill(dovecot, "ann", List.of(new DovecotCorpus.Folder(List.of("INBOX"), msgs),
                new DovecotCorpus.Folder(List.of("Work"), msgs.subList(0, 3))));
        TOKENS.put("ya29.ann-token", "ann");
        Path bobToken = tmp.resolve("bob.token");
        Files.writeString(bobToken, "bob-token-1\n");
        TOKENS.put("bob-token-1", "bob");
        int before = introspections.get();
        MoverRun r = imap("--source-auth", "xoauth2", "--target-token-file", bobToken.toString(),
                dovecot.imapAddress(), "ann", "ya29.ann-token", dovecot.imapAddress(), "bob", "unused");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("logged in as ann with AUTHENTICATE XOAUTH2").contains("logged in as bob with AUTHENTICATE OAUTHBEARER")
                .doesNotContain("ya29.ann-token").doesNotContain("bob-token-1");
        assertThat(introspections.get() - before).as("Dovecot asked the identity provider").isGreaterThanOrEqualTo(2);
        assertThat(MailboxComparison.compare(dovecot, "ann", dovecot, "bob", Map.of("INBOX", "INBOX", "Work", "Work"))).isEmpty();

        // the token expired and a helper wrote a new one: the next run (every reconnection) reads the file again
        TOKENS.remove("bob-token-1");
        Files.writeString(bobToken, "bob-token-2\n");
        TOKENS.put("bob-token-2", "bob");
        MoverRun again = imap("--source-auth", "xoauth2", "--target-token-file", bobToken.toString(),
                dovecot.imapAddress(), "ann", "ya29.ann-token", dovecot.imapAddress(), "bob", "unused");
        assertThat(again.code()).as(again.out()).isZero();
    }

    @Test
    void aTokenTheProviderRefusesIsALoginFailureAndBadOptionsAreUsageErrors() throws Exception {
        MoverRun r = imap("--source-auth", "oauthbearer", dovecot.imapAddress(), "cy", "expired-token", dovecot.imapAddress(), "bob", "bob-pw");
        assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.LOGIN_SOURCE);
        assertThat(r.out()).doesNotContain("expired-token");
        MoverRun x = imap("--source-auth", "xoauth2", dovecot.imapAddress(), "cy", "expired-token", dovecot.imapAddress(), "bob", "bob-pw");
        assertThat(x.code()).as(x.out()).isEqualTo(ExitCodes.LOGIN_SOURCE);
        MoverRun missing = imap("--source-token-file", tmp.resolve("none.token").toString(), dovecot.imapAddress(), "cy", "-",
                dovecot.imapAddress(), "bob", "bob-pw");
        assertThat(missing.code()).as(missing.out()).isEqualTo(ExitCodes.LOGIN_SOURCE);
        assertThat(missing.out()).contains("--source-token-file " + tmp.resolve("none.token") + ": no such file");
        MoverRun wrongMech = imap("--source-token-file", tmp.resolve("none.token").toString(), "--source-auth", "plain",
                dovecot.imapAddress(), "cy", "-", dovecot.imapAddress(), "bob", "bob-pw");
        assertThat(wrongMech.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrongMech.out()).contains("--source-auth must be oauthbearer or xoauth2");
    }
}
