package org.mailferry.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.access.TestServer;
import org.mailferry.protocols.SmtpClientScript;

/**
 * Changes made by other sessions reach a selected session as untagged EXISTS / FETCH / EXPUNGE (RFC 3501 §7.4.1),
 * during IDLE at once (RFC 2177); CONDSTORE's UNCHANGEDSINCE refuses a stale change; a mailbox shared through an
 * ACL is reachable as {@code ~owner/name} with exactly the granted rights.
 */
class ImapConcurrencyTest {
    @TempDir
    Path dir;
    TestServer server;
    int port;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.create(dir.resolve("base"));
        port = server.imap();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void append(ImapTestClient c, String subject) throws Exception {
        String msg = "Subject: " + subject + "\r\n\r\nbody\r\n";
        assertThat(c.run("APPEND INBOX {" + msg.length() + "+}\r\n" + msg)).last().asString().startsWith("T OK");
    }

    @Test
    void otherSessionsChangesAreReported() throws Exception {
        try (ImapTestClient a = ImapTestClient.login(port, "alice", "alice-pw");
             ImapTestClient b = ImapTestClient.login(port, "alice", "alice-pw")) {
            append(b, "one");
            append(b, "two");
            assertThat(a.run("SELECT INBOX")).contains("* 2 EXISTS");
            b.run("SELECT INBOX");
            append(b, "three");
            assertThat(a.run("NOOP")).contains("* 3 EXISTS");
            b.run("STORE 1 +FLAGS (\\Flagged)");
            assertThat(a.run("NOOP")).anyMatch(l -> l.matches("\\* 1 FETCH \\(UID 1 FLAGS \\(\\\\Flagged.*\\)\\)"));
            b.run("STORE 2 +FLAGS (\\Deleted)");
            b.run("EXPUNGE");
            List<String> r = a.run("FETCH 1:* FLAGS");
            assertThat(r).noneMatch(l -> l.contains("EXPUNGE")); // not during FETCH
            assertThat(a.run("NOOP")).contains("* 2 EXPUNGE");
            assertThat(a.run("UID FETCH 1:* UID")).contains("* 1 FETCH (UID 1)", "* 2 FETCH (UID 3)");
        }
    }

    @Test
    void idleSeesNewMailAtOnce() throws Exception {
        try (ImapTestClient a = ImapTestClient.login(port, "alice", "alice-pw")) {
            a.run("SELECT INBOX");
            a.raw("i1 IDLE");
            assertThat(a.in.readLine()).isEqualTo("+ idling");
            int smtp = server.smtp(false, false, "", null);
            long t0 = System.nanoTime();
            try (SmtpClientScript c = new SmtpClientScript(smtp)) {
                c.send("EHLO client.test");
                c.send("MAIL FROM:<x@outside.test>");
                c.send("RCPT TO:<alice@example.test>");
                c.send("DATA");
                assertThat(c.send("Subject: ping\r\n\r\nhi\r\n.")).startsWith("250");
            }
            assertThat(a.in.readLine()).isEqualTo("* 1 EXISTS");
            assertThat(a.in.readLine()).isEqualTo("* 1 RECENT");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
            a.raw("DONE");
            assertThat(a.in.readLine()).isEqualTo("i1 OK IDLE terminated");
        }
    }

    @Test
    void unchangedSinceRefusesStaleChanges() throws Exception {
        try (ImapTestClient a = ImapTestClient.login(port, "alice", "alice-pw");
             ImapTestClient b = ImapTestClient.login(port, "alice", "alice-pw")) {
            append(a, "x");
            a.run("SELECT INBOX (CONDSTORE)");
            String fetch = a.run("FETCH 1 (MODSEQ)").get(0);
            long modseq = Long.parseLong(fetch.replaceAll(".*MODSEQ \\((\\d+)\\).*", "$1"));
            b.run("SELECT INBOX");
            b.run("STORE 1 +FLAGS (\\Seen)");
            List<String> r = a.run("STORE 1 (UNCHANGEDSINCE " + modseq + ") +FLAGS (\\Deleted)");
            assertThat(r).last().asString().startsWith("T OK [MODIFIED 1]");
        }
    }

    @Test
    void sharedMailboxThroughAcl() throws Exception {
        try (ImapTestClient bob = ImapTestClient.login(port, "bob", "bob-pw");
             ImapTestClient alice = ImapTestClient.login(port, "alice", "alice-pw")) {
            append(bob, "for alice");
            assertThat(alice.run("SELECT ~bob/INBOX")).last().asString().startsWith("T NO");
            assertThat(bob.run("SETACL INBOX alice lr")).last().asString().startsWith("T OK");
            assertThat(alice.run("LIST \"\" ~bob/*")).contains("* LIST (\\HasNoChildren) \"/\" ~bob/INBOX");
            assertThat(alice.run("MYRIGHTS ~bob/INBOX")).contains("* MYRIGHTS ~bob/INBOX lr");
            List<String> sel = alice.run("SELECT ~bob/INBOX");
            assertThat(sel).contains("* 1 EXISTS").last().asString().startsWith("T OK [READ-ONLY]");
            assertThat(alice.run("FETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]")).contains("Subject: for alice");
            assertThat(alice.run("STORE 1 +FLAGS (\\Deleted)")).last().asString().startsWith("T NO [READ-ONLY]");
            assertThat(alice.run("GETACL ~bob/INBOX")).last().asString().startsWith("T NO");
        }
    }
}
