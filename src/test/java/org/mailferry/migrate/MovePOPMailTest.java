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
        dovecot = DovecotServer.builder().user("john", "jps#dhj").user("jim", "dud-ee").user("gone", "pw").start();
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
