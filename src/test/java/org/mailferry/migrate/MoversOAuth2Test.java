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
    static final AtomicInteger introspections = new AtomicInteger(), grants = new AtomicInteger();
    static final Map<String, String> REFRESH = new ConcurrentHashMap<>(); // refresh token -> user
    static final Map<String, String> ROTATE = new ConcurrentHashMap<>(); // refresh token -> the one the provider gives instead
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
        // the refresh-token grant (RFC 6749 §6): a new access token for a known refresh token and client
        idp.createContext("/token", x -> {
            Map<String, String> form = new java.util.HashMap<>();
            for (String kv : new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) form.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
            String user = "refresh_token".equals(form.get("grant_type")) && "mover".equals(form.get("client_id"))
                    && "s3cret".equals(form.get("client_secret")) ? REFRESH.get(form.get("refresh_token")) : null;
            String answer;
            int status;
            if (user == null) {
                status = 400;
                answer = "{\"error\":\"invalid_grant\",\"error_description\":\"unknown refresh token\"}";
            } else {
                status = 200;
                String access = "at-" + user + "-" + grants.incrementAndGet();
                TOKENS.put(access, user);
                String next = ROTATE.remove(form.get("refresh_token"));
                if (next != null) {
                    REFRESH.remove(form.get("refresh_token"));
                    REFRESH.put(next, user);
                }
                answer = "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":30,\"scope\":[\"imap\"]"
                        + (next == null ? "" : ",\"refresh_token\":\"" + next + "\"") + "}";
            }
            byte[] b = answer.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(status, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        idp.start();
        dovecot = DovecotServer.builder().user("ann", "ann-pw").user("bob", "bob-pw").user("cy", "cy-pw").user("dee", "dee-pw")
                .oauth2("http://127.0.0.1:" + idp.getAddress().getPort() + "/introspect").start();
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) dovecot.close();
        if (idp != null) idp.stop(0);
    }

    MoverRun imap(String... args) { return MoverRun.imap(tmp.resolve("journal"), args); }

    /** Gives {@code user} an INBOX of {@code n} messages and a Work folder with the first two of them. */
    static void fill(String user, long seed, int n) throws Exception {
        Random rnd = new Random(seed);
        List<DovecotCorpus.Message> msgs = new ArrayList<>();
        for (int i = 0; i < n; i++) msgs.add(DovecotCorpus.message(rnd, i, i % 9));
        DovecotCorpus.fill(dovecot, user, List.of(new DovecotCorpus.Folder(List.of("INBOX"), msgs),
                new DovecotCorpus.Folder(List.of("Work"), msgs.subList(0, 2))));
    }

    @Test
    void xoauth2SourceAndOauthbearerTargetFromATokenFile() throws Exception {
        fill("ann", 5, 8);
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

    Path write(String content) throws Exception {
        Path f = Files.createTempFile(tmp, "oauth2", ".properties");
        Files.writeString(f, content);
        return f;
    }

    /**
     * The refresh-token grant: each login asks the provider for an access token when the last one is about to
     * expire (here they live 30 s, less than the minute kept in reserve, so every login asks); a refresh token the
     * provider rotates is written back to the file, so the next run uses the new one.
     */
    @Test
    void accessTokensFromTheRefreshTokenGrantWithRotation() throws Exception {
        fill("cy", 6, 5);
        REFRESH.put("rt-1", "cy");
        ROTATE.put("rt-1", "rt-2");
        String url = "http://127.0.0.1:" + idp.getAddress().getPort() + "/token";
        Path conf = write("token_url=" + url + "\nclient_id=mover\nclient_secret=s3cret\nrefresh_token=rt-1\n");
        int before = grants.get();
        MoverRun r = imap("--source-oauth2", conf.toString(), "--connections", "2", dovecot.imapAddress(), "cy", "-",
                dovecot.imapAddress(), "dee", "dee-pw");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("logged in as cy with AUTHENTICATE OAUTHBEARER").doesNotContain("s3cret").doesNotContain("rt-");
        assertThat(grants.get() - before).as("one grant per login (two folders: two source connections)").isGreaterThanOrEqualTo(2);
        assertThat(MailboxComparison.compare(dovecot, "cy", dovecot, "dee", Map.of("INBOX", "INBOX", "Work", "Work"))).isEmpty();
        assertThat(Files.readString(conf)).contains("refresh_token=rt-2").contains("client_secret=s3cret");
        assertThat(REFRESH).doesNotContainKey("rt-1");
        MoverRun again = imap("--source-oauth2", conf.toString(), dovecot.imapAddress(), "cy", "-", dovecot.imapAddress(), "dee", "dee-pw");
        assertThat(again.code()).as(again.out()).isZero();

        Path revoked = write("token_url=" + url + "\nclient_id=mover\nclient_secret=s3cret\nrefresh_token=rt-1\n");
        MoverRun refused = imap("--source-oauth2", revoked.toString(), dovecot.imapAddress(), "cy", "-", dovecot.imapAddress(), "dee", "dee-pw");
        assertThat(refused.code()).isEqualTo(ExitCodes.LOGIN_SOURCE);
        assertThat(refused.out()).contains("the token endpoint refused the refresh token (HTTP 400, invalid_grant: unknown refresh token)");
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
        assertThat(missing.out()).contains("source OAuth 2.0 token: " + tmp.resolve("none.token") + ": no such file");
        MoverRun wrongMech = imap("--source-token-file", tmp.resolve("none.token").toString(), "--source-auth", "plain",
                dovecot.imapAddress(), "cy", "-", dovecot.imapAddress(), "bob", "bob-pw");
        assertThat(wrongMech.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrongMech.out()).contains("--source-auth must be oauthbearer or xoauth2");
        MoverRun insecure = imap("--source-oauth2", write("token_url=http://idp.example.com/token\nclient_id=c\nrefresh_token=r\n").toString(),
                dovecot.imapAddress(), "cy", "-", dovecot.imapAddress(), "bob", "bob-pw");
        assertThat(insecure.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(insecure.out()).contains("token_url must be https");
    }
}
