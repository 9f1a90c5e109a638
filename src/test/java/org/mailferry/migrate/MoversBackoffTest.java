package org.mailferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotServer;
import org.mailferry.testing.SmtpSinkServer;

/**
 * Back-off against real servers that refuse for a while: Dovecot with mail_max_userip_connections = 1 answers
 * a second IMAP login with {@code NO [LIMIT]} and a second POP3 login with {@code -ERR [IN-USE]} while a session
 * of the test holds the account; Postfix's smtp-sink answers RCPT with 450 until the test replaces it with one
 * that accepts; a Dovecot mbox whose dotlock the test holds answers "[SERVERBUG] Timeout while waiting for
 * lock" to SELECT, and a Dovecot Maildir whose dovecot-uidlist.lock the test holds answers the same to APPEND.
 * The movers wait (doubling from --retry-wait) and finish without an error once the server lets
 * them; with no retries left they fail as before.
 */
class MoversBackoffTest {
    static DovecotServer dovecot;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        dovecot = DovecotServer.builder().user("eve", "e-pw").user("fay", "f-pw").user("gus", "g-pw").user("hal", "h-pw")
                .user("jon", "j-pw").user("kay", "k-pw").extraConfig("mail_max_userip_connections = 1\nmail_max_lock_timeout = 1 secs").start();
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) dovecot.close();
    }

    record Run(int code, String out) { }

    /** Runs a mover on another thread, so the test can release the server meanwhile. */
    CompletableFuture<Run> runAsync(boolean imap, String... args) {
        List<String> a = new ArrayList<>(List.of("--journal", tmp.resolve("journal").toString(), "--verbose"));
        a.addAll(List.of(args));
        Function<PrintStream, Integer> mover = ps -> imap ? MoveIMAPMail.run(a.toArray(String[]::new), ps, ps, null, null)
                : MovePOPMail.run(a.toArray(String[]::new), ps, ps, null);
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            int code = mover.apply(new PrintStream(o, true, StandardCharsets.UTF_8));
            return new Run(code, o.toString(StandardCharsets.UTF_8));
        });
    }

    static List<DovecotCorpus.Message> messages(long seed, int n) {
        Random r = new Random(seed);
        List<DovecotCorpus.Message> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(DovecotCorpus.message(r, i, i % 9));
        return out;
    }

    @Test
    void imapLoginRefusedWithLimitIsRetriedUntilTheOtherSessionEnds() throws Exception {
        DovecotCorpus.fill(dovecot, "eve", List.of(new DovecotCorpus.Folder(List.of("INBOX"), messages(1, 6))));
        Run r;
        try (DovecotImap held = new DovecotImap(dovecot.host(), dovecot.imapPort(), "eve", "e-pw")) {
            CompletableFuture<Run> run = runAsync(true, "--connections", "1", "--retry-wait", "200",
                    dovecot.imapAddress(), "eve", "e-pw", dovecot.imapAddress(), "fay", "f-pw");
            Thread.sleep(1_000);
            assertThat(run).isNotDone();
            held.close();
            r = run.get();
        }
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("refused the login of eve for now: NO [LIMIT]").contains("waiting 200 ms (retry 1 of 6)")
                .contains("6 messages copied");
        assertThat(MailboxComparison.compare(dovecot, "eve", dovecot, "fay", Map.of("INBOX", "INBOX"))).isEmpty();

        try (DovecotImap held = new DovecotImap(dovecot.host(), dovecot.imapPort(), "eve", "e-pw")) {
            Run gaveUp = runAsync(true, "--connections", "1", "--retries", "1", "--retry-wait", "50",
                    dovecot.imapAddress(), "eve", "e-pw", dovecot.imapAddress(), "fay", "f-pw").get();
            assertThat(gaveUp.code()).as(gaveUp.out()).isEqualTo(ExitCodes.LOGIN_SOURCE);
            assertThat(gaveUp.out()).contains("[LIMIT]").contains("still after 1 retries");
        }
    }

    @Test
    void popLoginRefusedInUseIsRetriedAndSmtp450IsRetriedUntilTheServerAccepts() throws Exception {
        List<DovecotCorpus.Message> msgs = messages(2, 5);
        DovecotCorpus.fill(dovecot, "gus", List.of(new DovecotCorpus.Folder(List.of("INBOX"), msgs)));
        Run r;
        SmtpSinkServer refusing = SmtpSinkServer.start("-r", "RCPT");
        int port = refusing.port();
        SmtpSinkServer accepting = null;
        try (Socket held = new Socket(dovecot.host(), dovecot.pop3Port())) {
            pop(held, "USER gus", "PASS g-pw");
            CompletableFuture<Run> run = runAsync(false, "--retry-wait", "200", dovecot.pop3Address(), "gus", "g-pw",
                    "127.0.0.1:" + port, "gus@new.example");
            Thread.sleep(700);
            assertThat(run).isNotDone();
            pop(held, "QUIT"); // the POP login goes through now; the SMTP server still answers RCPT with 450
            Thread.sleep(1_000);
            assertThat(run).isNotDone();
            refusing.close();
            accepting = SmtpSinkServer.startOn(port);
            r = run.get();
            assertThat(r.code()).as(r.out()).isZero();
            assertThat(accepting.received()).hasSize(msgs.size());
        } finally {
            refusing.close();
            if (accepting != null) accepting.close();
        }
        assertThat(r.out()).contains("[IN-USE]").contains("RCPT TO refused: 450").contains("waiting 200 ms (retry 1 of 6)")
                .contains("5 messages copied");
    }

    @Test
    void aTargetMailboxLockedByAnotherProcessIsRetriedUntilTheLockGoes() throws Exception {
        List<DovecotCorpus.Message> msgs = messages(3, 4);
        DovecotCorpus.fill(dovecot, "hal", List.of(new DovecotCorpus.Folder(List.of("INBOX"), msgs)));
        try (DovecotServer mbox = DovecotServer.builder().layout(DovecotServer.Layout.MBOX).user("ivy", "i-pw").pop3(false)
                .extraConfig("mbox_lock_timeout = 1 secs").start()) {
            List<DovecotCorpus.Message> before = messages(4, 1);
            DovecotCorpus.fill(mbox, "ivy", List.of(new DovecotCorpus.Folder(List.of("INBOX"), before)));
            Path dotlock = mbox.home("ivy").resolve("mail/inbox.lock"); // as a local mailer holding the mbox would
            java.nio.file.Files.writeString(dotlock, "4242\n");
            CompletableFuture<Run> run = runAsync(true, "--connections", "1", "--retry-wait", "300",
                    dovecot.imapAddress(), "hal", "h-pw", mbox.imapAddress(), "ivy", "i-pw");
            Thread.sleep(1_500);
            assertThat(run).isNotDone();
            java.nio.file.Files.delete(dotlock);
            Run r = run.get();
            assertThat(r.code()).as(r.out()).isZero();
            assertThat(r.out()).contains("Timeout while waiting for lock").contains("waiting 300 ms (retry 1 of 6)").contains("4 messages copied");
            try (DovecotImap c = new DovecotImap(mbox.host(), mbox.imapPort(), "ivy", "i-pw")) {
                assertThat(c.messages("INBOX")).hasSize(before.size() + msgs.size());
            }
        }
    }

    @Test
    void appendsRefusedWhileTheTargetMailboxIsLockedAreRetried() throws Exception {
        List<DovecotCorpus.Message> msgs = messages(5, 3);
        DovecotCorpus.fill(dovecot, "jon", List.of(new DovecotCorpus.Folder(List.of("INBOX"), msgs)));
        List<DovecotCorpus.Message> before = messages(6, 1);
        DovecotCorpus.fill(dovecot, "kay", List.of(new DovecotCorpus.Folder(List.of("INBOX"), before)));
        try (DovecotImap c = new DovecotImap(dovecot.host(), dovecot.imapPort(), "kay", "k-pw")) {
            c.messages("INBOX"); // synced: SELECT needs no lock, APPEND needs dovecot-uidlist.lock
        }
        Path lock = dovecot.home("kay").resolve("Maildir/dovecot-uidlist.lock");
        java.nio.file.Files.writeString(lock, "4242\n");
        CompletableFuture<Run> run = runAsync(true, "--connections", "1", "--retry-wait", "300",
                dovecot.imapAddress(), "jon", "j-pw", dovecot.imapAddress(), "kay", "k-pw");
        Thread.sleep(2_500);
        assertThat(run).isNotDone();
        java.nio.file.Files.delete(lock);
        Run r = run.get();
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("INBOX: (UID \\d+|\\d+ messages): NO \\[SERVERBUG\\] Timeout while waiting for lock.*; waiting 300 ms \\(retry 1 of 6\\)")
                .contains("3 messages copied").doesNotContain("not copied: ");
        try (DovecotImap c = new DovecotImap(dovecot.host(), dovecot.imapPort(), "kay", "k-pw")) {
            assertThat(c.messages("INBOX")).hasSize(before.size() + msgs.size());
        }
    }

    /** Sends POP3 commands and reads one status line each. */
    private static void pop(Socket s, String... commands) throws Exception {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        if (commands[0].startsWith("USER")) readLine(in); // greeting
        for (String c : commands) {
            out.write((c + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = readLine(in);
            assertThat(line).as(c).startsWith("+OK");
        }
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) sb.append((char) c);
        return sb.toString().trim();
    }
}
