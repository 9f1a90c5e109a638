package org.mailferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotServer;
import org.mailferry.testing.SmtpSinkServer;

/** MovePOPMail against a private Dovecot POP3 server, submitting into Postfix's smtp-sink. */
class MovePOPMailTest {
    static DovecotServer dovecot;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        dovecot = DovecotServer.builder().user("john", "jps#dhj").user("jim", "dud-ee").user("gone", "pw")
                .user("ann", "a-pw").user("ann.new", "n-pw").user("kim", "k-pw").user("lou", "l-pw").user("lou.new", "l-new").start();
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) dovecot.close();
    }

    static List<DovecotCorpus.Message> inbox(long seed, int n) {
        Random r = new Random(seed);
        List<DovecotCorpus.Message> msgs = new ArrayList<>();
        for (int i = 0; i < n; i++) msgs.add(DovecotCorpus.message(r, i, i % 9));
        msgs.add(msgs.get(4)); // a byte-identical duplicate without Message-ID
        return msgs;
    }

    record Run(int code, String out, String err) { }

    Run move(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        List<String> a = new ArrayList<>(List.of("--journal", tmp.resolve("journal").toString()));
        a.addAll(List.of(args));
        int code = MovePOPMail.run(a.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), null);
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static List<String> lfHashes(List<byte[]> messages) {
        List<String> out = new ArrayList<>();
        for (byte[] m : messages) {
            String s = new String(m, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
            while (s.endsWith("\n")) s = s.substring(0, s.length() - 1); // smtp-sink adds blank lines at the end
            out.add(DovecotImap.sha256(s.getBytes(StandardCharsets.ISO_8859_1)));
        }
        out.sort(null);
        return out;
    }

    static String instant(String imapDate) {
        return java.time.ZonedDateTime.parse(imapDate.trim(), java.time.format.DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z",
                java.util.Locale.ROOT)).toInstant().toString();
    }

    @Test
    void anImapTargetKeepsArrivalDatesAndStatusFlags() throws Exception {
        String crlf = "\r\n";
        byte[] received = ("Received: from mx.example.org by pop.example.com (Postfix) with ESMTP id A1;" + crlf
                + " Tue, 3 Jun 2008 11:05:30 +0200 (CEST)" + crlf + "Received: from client by mx.example.org; Tue, 3 Jun 2008 11:05:01 +0200"
                + crlf + "Date: Mon, 2 Jun 2008 08:00:00 +0000" + crlf + "Subject: read and answered" + crlf + "Status: RO" + crlf
                + "X-Status: A" + crlf + crlf + "body one" + crlf).getBytes(StandardCharsets.US_ASCII);
        byte[] dated = ("Date: Mon, 1 Jan 2001 00:00:00 EST" + crlf + "Subject: unread, no Received" + crlf + crlf + "body two" + crlf)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] bare = ("Subject: no date at all" + crlf + crlf + "body three" + crlf).getBytes(StandardCharsets.US_ASCII);
        List<DovecotCorpus.Message> msgs = List.of(new DovecotCorpus.Message(received, List.of(), "01-Jan-2020 00:00:00 +0000"),
                new DovecotCorpus.Message(dated, List.of(), "01-Jan-2020 00:00:00 +0000"),
                new DovecotCorpus.Message(bare, List.of(), "01-Jan-2020 00:00:00 +0000"));
        DovecotCorpus.fill(dovecot, "ann", List.of(new DovecotCorpus.Folder(List.of("INBOX"), msgs)));
        Run r = move("--verbose", "--imap-password", "n-pw", "--imap-folder", "From POP", dovecot.pop3Address(), "ann", "a-pw",
                dovecot.imapAddress(), "ann.new");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("appended").contains("3 messages copied").doesNotContain("n-pw").doesNotContain("a-pw");
        Run again = move("--imap-password", "n-pw", "--imap-folder", "From POP", dovecot.pop3Address(), "ann", "a-pw",
                dovecot.imapAddress(), "ann.new");
        assertThat(again.out()).as(again.err()).contains("0 messages copied").contains("3 already there");
        try (DovecotImap c = new DovecotImap(dovecot.host(), dovecot.imapPort(), "ann.new", "n-pw")) {
            List<DovecotImap.Msg> got = c.messages("From POP");
            assertThat(got).hasSize(3);
            java.util.Map<String, DovecotImap.Msg> byHash = new java.util.HashMap<>();
            for (DovecotImap.Msg m : got) byHash.put(m.sha256(), m);
            DovecotImap.Msg one = byHash.get(DovecotImap.sha256(received)), two = byHash.get(DovecotImap.sha256(dated));
            assertThat(instant(one.internalDate())).isEqualTo("2008-06-03T09:05:30Z"); // the topmost Received, not Date
            assertThat(one.flags()).containsExactlyInAnyOrder("\\Seen", "\\Answered");
            assertThat(instant(two.internalDate())).isEqualTo("2001-01-01T05:00:00Z");
            assertThat(two.flags()).isEmpty();
            assertThat(byHash).containsKey(DovecotImap.sha256(bare));
        }
    }

    @Test
    void copiesEveryMessageExactlyOnceAndARerunSubmitsNothing() throws Exception {
        List<DovecotCorpus.Message> msgs = inbox(11, 18);
        DovecotCorpus.fill(dovecot, "john", List.of(new DovecotCorpus.Folder(List.of("INBOX"), msgs)));
        try (SmtpSinkServer sink = SmtpSinkServer.start()) {
            Run r = move("--verbose", dovecot.pop3Address(), "john", "jps#dhj", sink.address(), "john@new.example");
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("submitted").contains("19 messages copied");
            List<SmtpSinkServer.Received> got = sink.received();
            assertThat(got).hasSize(msgs.size());
            assertThat(got).allSatisfy(g -> {
                assertThat(g.recipients()).containsExactly("<john@new.example>");
                assertThat(g.mailFrom()).isEqualTo("<>");
            });
            assertThat(lfHashes(got.stream().map(SmtpSinkServer.Received::message).toList()))
                    .isEqualTo(lfHashes(msgs.stream().map(DovecotCorpus.Message::bytes).toList()));

            Run again = move(dovecot.pop3Address(), "john", "jps#dhj", sink.address(), "john@new.example");
            assertThat(again.code()).isZero();
            assertThat(again.out()).contains("0 messages copied").contains("19 already there");
            assertThat(sink.received()).hasSize(msgs.size());
        }
        try (DovecotImap c = new DovecotImap(dovecot.host(), dovecot.imapPort(), "john", "jps#dhj")) {
            assertThat(c.messages("INBOX")).hasSize(msgs.size()); // no --delete: all still there
        }
    }

    /**
     * Into an IMAP folder a kill between the server's OK and the journal's record duplicates nothing: the rerun
     * finds those messages on the target by their content (two of them byte-identical), and appends again only
     * what the target does not have.
     */
    @Test
    void aRunKilledAfterTheTargetStoredMessagesDuplicatesNothing() throws Exception {
        List<DovecotCorpus.Message> msgs = new ArrayList<>(inbox(23, 6));
        msgs.add(msgs.get(msgs.size() - 1)); // the last two are the same bytes
        DovecotCorpus.fill(dovecot, "lou", List.of(new DovecotCorpus.Folder(List.of("INBOX"), msgs)));
        String[] args = {"--verbose", "--imap-password", "l-new", dovecot.pop3Address(), "lou", "l-pw", dovecot.imapAddress(), "lou.new"};
        assertThat(move(args).code()).isZero();
        Path journal;
        try (var files = Files.list(tmp.resolve("journal"))) {
            journal = files.filter(f -> f.getFileName().toString().contains("lou")).findFirst().orElseThrow();
        }
        // the kill came after the target stored the last two messages, before their outcomes were written
        List<String> cut = new ArrayList<>(Files.readAllLines(journal));
        for (String type : List.of("C ", "P ")) {
            for (int removed = 0, i = cut.size() - 1; i >= 0 && removed < 2; i--) {
                if (cut.get(i).startsWith(type)) {
                    cut.remove(i);
                    removed++;
                }
            }
        }
        Files.write(journal, cut);
        Run again = move(args);
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).as(again.out()).contains("2 messages of an interrupted run found on the IMAP target").contains(" 0 messages copied");
        try (DovecotImap c = new DovecotImap(dovecot.host(), dovecot.imapPort(), "lou.new", "l-new")) {
            assertThat(c.messages("INBOX")).hasSize(msgs.size());
        }

        // the kill came before the target stored them: the rerun appends them
        Files.write(journal, cut);
        try (DovecotImap c = new DovecotImap(dovecot.host(), dovecot.imapPort(), "lou.new", "l-new")) {
            c.command("SELECT INBOX");
            String lastTwo = (msgs.size() - 1) + ":" + msgs.size();
            c.command("UID STORE " + lastTwo + " +FLAGS.SILENT (\\Deleted)");
            c.command("UID EXPUNGE " + lastTwo);
        }
        Run third = move(args);
        assertThat(third.code()).as(third.out() + third.err()).isZero();
        assertThat(third.out()).contains(" 2 messages copied").contains((msgs.size() - 2) + " already there");
        try (DovecotImap c = new DovecotImap(dovecot.host(), dovecot.imapPort(), "lou.new", "l-new")) {
            assertThat(c.messages("INBOX").stream().map(DovecotImap.Msg::sha256).sorted().toList())
                    .isEqualTo(msgs.stream().map(m -> DovecotImap.sha256(m.bytes())).sorted().toList());
        }
    }

    @Test
    void aMessageThePopServerCannotReadIsListedAndTheOthersCopied() throws Exception {
        List<DovecotCorpus.Message> msgs = inbox(13, 6);
        DovecotCorpus.fill(dovecot, "kim", List.of(new DovecotCorpus.Folder(List.of("INBOX"), msgs)));
        Path unreadable;
        try (var files = Files.list(dovecot.home("kim").resolve("Maildir/cur"))) {
            unreadable = files.sorted().toList().get(1);
        }
        // Dovecot cannot open it and answers RETR with "-ERR Message n expunged." (the account used to stop there)
        Files.setPosixFilePermissions(unreadable, java.util.Set.of());
        try (SmtpSinkServer sink = SmtpSinkServer.start()) {
            Run r = move("--verbose", dovecot.pop3Address(), "kim", "k-pw", sink.address(), "kim@new.example");
            assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.FINISHED_WITH_ERRORS);
            assertThat(r.out()).contains((msgs.size() - 1) + " messages copied").contains("1 not copied");
            // which message number that file is depends on Dovecot's order (file names sort by time, not by UID)
            assertThat(r.err()).containsPattern("the POP server refused RETR: RETR \\d+: ");
            assertThat(sink.received()).hasSize(msgs.size() - 1);

            Files.setPosixFilePermissions(unreadable, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Run again = move(dovecot.pop3Address(), "kim", "k-pw", sink.address(), "kim@new.example");
            assertThat(again.code()).as(again.out() + again.err()).isZero();
            assertThat(again.out()).contains("1 messages copied").contains((msgs.size() - 1) + " already there");
            assertThat(lfHashes(sink.received().stream().map(SmtpSinkServer.Received::message).toList()))
                    .isEqualTo(lfHashes(msgs.stream().map(DovecotCorpus.Message::bytes).toList()));
        }
    }

    @Test
    void deletesOnlyWhatTheSmtpServerAccepted() throws Exception {
        List<DovecotCorpus.Message> msgs = inbox(12, 6);
        DovecotCorpus.fill(dovecot, "jim", List.of(new DovecotCorpus.Folder(List.of("INBOX"), msgs)));
        try (SmtpSinkServer refusing = SmtpSinkServer.start("-r", "RCPT")) {
            Run r = move("--delete", "--verbose", "--retries", "2", "--retry-wait", "50", dovecot.pop3Address(), "jim", "dud-ee",
                    refusing.address(), "jim@new.example");
            assertThat(r.code()).isEqualTo(ExitCodes.FINISHED_WITH_ERRORS);
            // the first message waits twice (50, 100 ms); once it used up its retries the others get one try each
            assertThat(r.out().split("waiting", -1)).as(r.out()).hasSize(3);
            assertThat(r.err()).contains("temporarily refused: RCPT TO refused: 450");
            assertThat(r.out()).contains("7 not copied");
        }
        try (DovecotImap c = new DovecotImap(dovecot.host(), dovecot.imapPort(), "jim", "dud-ee")) {
            assertThat(c.messages("INBOX")).hasSize(msgs.size());
        }
        try (SmtpSinkServer sink = SmtpSinkServer.start()) {
            Run r = move("--delete", dovecot.pop3Address(), "jim", "dud-ee", sink.address(), "jim@new.example");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(sink.received()).hasSize(msgs.size());
        }
        try (DovecotImap c = new DovecotImap(dovecot.host(), dovecot.imapPort(), "jim", "dud-ee")) {
            assertThat(c.messages("INBOX")).isEmpty();
        }
    }

    @Test
    void exitCodesTellConnectAndLoginFailuresApart() throws Exception {
        try (SmtpSinkServer sink = SmtpSinkServer.start()) {
            assertThat(move(dovecot.pop3Address(), "gone", "wrong", sink.address(), "x@y").code()).isEqualTo(ExitCodes.LOGIN_SOURCE);
            int closed;
            try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort();
            }
            assertThat(move("127.0.0.1:" + closed, "gone", "pw", sink.address(), "x@y").code()).isEqualTo(ExitCodes.CONNECT_SOURCE);
            assertThat(move(dovecot.pop3Address(), "gone", "pw", "127.0.0.1:" + closed, "x@y").code()).isEqualTo(ExitCodes.CONNECT_TARGET);
            assertThat(move(dovecot.pop3Address(), "gone", "pw", "127.0.0.1:99999", "x@y").code()).isEqualTo(ExitCodes.USAGE);
        }
        assertThat(Files.exists(tmp)).isTrue();
    }
}
