package org.mailferry.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.access.TestServer;
import org.mailferry.testing.SmtpSinkServer;

/**
 * The outbound queue: a message for an unreachable relay waits on disk and is delivered after a restart; a
 * recipient the relay refuses for good is bounced to the sender with a DSN (RFC 3464); NOTIFY=NEVER suppresses it.
 */
class QueueTest {
    @TempDir
    Path dir;

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static long queued(Path base) throws Exception {
        try (Stream<Path> s = Files.list(base.resolve("Queue"))) {
            return s.filter(p -> p.toString().endsWith(".env")).count();
        }
    }

    @Test
    void queuedMessageSurvivesRestart() throws Exception {
        Path base = dir.resolve("base");
        try (TestServer server = TestServer.create(base)) {
            int port = server.smtp(true, false, "", "127.0.0.1:" + closedPort());
            try (var c = new org.mailferry.protocols.SmtpClientScript(port)) {
                c.send("EHLO client.test");
                assertThat(c.send("AUTH PLAIN AGJvYgBib2ItcHc=")).startsWith("235");
                c.send("MAIL FROM:<bob@example.test>");
                assertThat(c.send("RCPT TO:<friend@remote.test>")).startsWith("250");
                assertThat(c.send("DATA")).startsWith("354");
                assertThat(c.send("Subject: waiting\r\n\r\nstill here\r\n.")).startsWith("250 2.0.0");
            }
            Thread.sleep(1500); // a few failed attempts
            assertThat(queued(base)).isEqualTo(1);
        }
        try (SmtpSinkServer sink = SmtpSinkServer.start(); TestServer server = TestServer.reopen(base)) {
            server.delivery("127.0.0.1:" + sink.port());
            SmtpPythonTest.await(() -> {
                try {
                    return sink.received().size() == 1;
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(new String(sink.received().get(0).message())).contains("still here");
            SmtpPythonTest.await(() -> {
                try {
                    return queued(base) == 0;
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    @Test
    void refusedRecipientIsBouncedWithADsn() throws Exception {
        try (SmtpSinkServer sink = SmtpSinkServer.start("-f", "RCPT", "-B", "550 5.1.1 no such mailbox there");
             TestServer server = TestServer.create(dir.resolve("base"))) {
            int port = server.smtp(true, false, "", "127.0.0.1:" + sink.port());
            try (var c = new org.mailferry.protocols.SmtpClientScript(port)) {
                c.send("EHLO client.test");
                c.send("AUTH PLAIN AGJvYgBib2ItcHc=");
                c.send("MAIL FROM:<bob@example.test> ENVID=env42 RET=HDRS");
                assertThat(c.send("RCPT TO:<gone@remote.test> ORCPT=rfc822;gone@remote.test")).startsWith("250");
                assertThat(c.send("RCPT TO:<quiet@remote.test> NOTIFY=NEVER")).startsWith("250");
                c.send("DATA");
                assertThat(c.send("Subject: doomed\r\n\r\nsecret body text\r\n.")).startsWith("250");
            }
            SmtpPythonTest.await(() -> {
                try {
                    return SmtpPythonTest.inbox(server, "bob").size() == 1;
                } catch (Exception e) {
                    return false;
                }
            });
            Thread.sleep(500);
            List<String> bob = SmtpPythonTest.inbox(server, "bob");
            assertThat(bob).hasSize(1);
            String dsn = bob.get(0);
            assertThat(dsn).contains("Content-Type: multipart/report; report-type=delivery-status")
                    .contains("Original-Envelope-Id: env42")
                    .contains("Final-Recipient: rfc822; gone@remote.test")
                    .contains("Original-Recipient: rfc822;gone@remote.test")
                    .contains("Action: failed").contains("Status: 5.1.1")
                    .contains("Content-Type: text/rfc822-headers").contains("Subject: doomed")
                    .doesNotContain("secret body text").doesNotContain("quiet@remote.test");
        }
    }
}
