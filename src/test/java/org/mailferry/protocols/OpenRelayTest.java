package org.mailferry.protocols;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.access.TestServer;

/**
 * Never an open relay (the seed's "Restricted Relaying"): every address trick of the classic relay tests is
 * refused from an unauthenticated client, nothing reaches the outbound queue, and — so the test can fail — the
 * same addresses are accepted from a listed client address and from an authenticated user.
 */
class OpenRelayTest {
    @TempDir
    Path dir;
    TestServer server;

    static final List<String> TRICKS = List.of(
            "<victim@elsewhere.test>",
            "<VICTIM@ELSEWHERE.TEST>",
            "<victim@elsewhere.test.>",
            "<@example.test:victim@elsewhere.test>",
            "<@example.test,@mail.example.test:victim@elsewhere.test>",
            "<victim%elsewhere.test@example.test>",
            "<elsewhere.test!victim@example.test>",
            "<\"victim@elsewhere.test\"@example.test>",
            "<victim@[192.0.2.1]>",
            "<victim@[IPv6:2001:db8::1]>",
            "victim@elsewhere.test",
            "<victim@elsewhere.test> NOTIFY=NEVER");

    @BeforeEach
    void start() throws Exception {
        server = TestServer.create(dir.resolve("base"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void unauthenticatedClientsCannotRelay() throws Exception {
        int port = server.smtp(false, false, "", "127.0.0.1:9");
        try (SmtpClientScript c = new SmtpClientScript(port)) {
            c.send("EHLO client.test");
            for (String rcpt : TRICKS) {
                c.send("RSET");
                assertThat(c.send("MAIL FROM:<someone@outside.test>")).startsWith("250");
                String r = c.send("RCPT TO:" + rcpt);
                assertThat(r).as(rcpt).matches("5\\d\\d .*");
            }
        }
        assertThat(server.delivery(null).queue().entries()).isEmpty();
    }

    @Test
    void listedClientsAndAuthenticatedUsersMayRelay() throws Exception {
        int listed = server.smtp(false, false, "127.0.0.0/8", "127.0.0.1:9");
        try (SmtpClientScript c = new SmtpClientScript(listed)) {
            c.send("EHLO client.test");
            c.send("MAIL FROM:<someone@outside.test>");
            assertThat(c.send("RCPT TO:<victim@elsewhere.test>")).startsWith("250 2.1.5");
        }
        int open = server.smtp(false, false, "", "127.0.0.1:9");
        try (SmtpClientScript c = new SmtpClientScript(open)) {
            c.send("EHLO client.test");
            assertThat(c.send("AUTH PLAIN AGJvYgBib2ItcHc=")).startsWith("235");
            c.send("MAIL FROM:<bob@example.test>");
            assertThat(c.send("RCPT TO:<victim@elsewhere.test>")).startsWith("250 2.1.5");
        }
    }

    @Test
    void submissionPortNeedsAuthentication() throws Exception {
        int port = server.smtp(true, false, "127.0.0.0/8", "127.0.0.1:9");
        try (SmtpClientScript c = new SmtpClientScript(port)) {
            c.send("EHLO client.test");
            assertThat(c.send("MAIL FROM:<bob@example.test>")).startsWith("530 5.7.0");
        }
    }
}
