package org.mailferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotMoverProcess;
import org.mailferry.testing.DovecotServer;
import org.mailferry.testing.DovecotServer.Layout;

/**
 * Targets that refuse or restrict: no UIDPLUS and no LITERAL+, a maximum message size (refusals listed
 * with the reason), --fixLongLines, and a mover with a 64 MB heap copying 5 MB messages and a large folder.
 */
class MoveIMAPMailLimitsTest {
    static DovecotServer src, plain, multi, strict, noCondstore;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        src = DovecotServer.builder().layout(Layout.MAILDIR_FS).user("amy", "a").user("ben", "b").user("cy", "c").user("di", "d")
                .user("di2", "d").user("eve", "e").user("fay", "f").start();
        plain = DovecotServer.builder().layout(Layout.MAILDIR_DOT).user("amy", "a")
                .capabilities("IMAP4rev1 SASL-IR ID ENABLE IDLE UNSELECT CHILDREN NAMESPACE").start();
        multi = DovecotServer.builder().layout(Layout.MAILDIR_DOT).user("eve", "e")
                .capabilities("IMAP4rev1 SASL-IR ID ENABLE IDLE UNSELECT CHILDREN NAMESPACE UIDPLUS MULTIAPPEND").start();
        noCondstore = DovecotServer.builder().layout(Layout.MAILDIR_DOT).user("fay", "f")
                .capabilities("IMAP4rev1 SASL-IR ID ENABLE IDLE UNSELECT CHILDREN NAMESPACE UIDPLUS MULTIAPPEND LITERAL+").start();
        strict = DovecotServer.builder().layout(Layout.MAILDIR_FS).user("ben", "b").user("cy", "c")
                .extraConfig("mail_plugins = $mail_plugins quota\nplugin {\n  quota = maildir:User quota\n  quota_max_mail_size = 100k\n}")
                .start();
    }

    @AfterAll
    static void stop() {
        for (DovecotServer s : new DovecotServer[] {src, plain, multi, strict, noCondstore}) if (s != null) s.close();
    }

    record Run(int code, String out) { }

    Run move(DovecotServer to, String user, String... extra) {
        List<String> a = new ArrayList<>(List.of("--journal", tmp.resolve("journal").toString()));
        a.addAll(List.of(extra));
        a.addAll(List.of(src.imapAddress(), user, src.password(user), to.imapAddress(), user, to.password(user)));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
        int code = MoveIMAPMail.run(a.toArray(String[]::new), ps, ps, null, null);
        return new Run(code, o.toString(StandardCharsets.UTF_8));
    }

    /** Fills {@code user} on the source with the pathological corpus, moves it to {@code to}; returns the folder pairs. */
    Map<String, String> moveExactly(DovecotServer to, String user, long seed) throws Exception {
        List<DovecotCorpus.Folder> corpus = DovecotCorpus.pathological(seed, '/');
        DovecotCorpus.fill(src, user, corpus);
        Run r = move(to, user, "--verify");
        assertThat(r.code()).as(r.out()).isZero();
        Map<String, String> pairs = new java.util.LinkedHashMap<>();
        for (DovecotCorpus.Folder f : corpus) pairs.put(DovecotCorpus.name(f, Layout.MAILDIR_FS), MailboxComparison.expectedName(f.path(), Layout.MAILDIR_FS, Layout.MAILDIR_DOT));
        assertThat(MailboxComparison.compare(src, user, to, user, pairs)).isEmpty();
        return pairs;
    }

    @Test
    void targetWithoutUidplusOrLiteralPlus() throws Exception {
        Map<String, String> pairs = moveExactly(plain, "amy", 71);
        Run again = move(plain, "amy");
        assertThat(again.out()).contains(" 0 messages copied");
        assertThat(MailboxComparison.compare(src, "amy", plain, "amy", pairs)).isEmpty();
    }

    /**
     * A source without CONDSTORE cannot say which flags changed: a rerun of a folder without new messages reads
     * all its flags and sets the copies' to match; one with new messages copies them and does the same.
     */
    @Test
    void flagsChangedOnASourceWithoutCondstoreReachTheCopiesOnTheRerun() throws Exception {
        Random r = new Random(77);
        List<DovecotCorpus.Message> msgs = new ArrayList<>();
        for (int i = 0; i < 6; i++) msgs.add(DovecotCorpus.message(r, i, i % 9));
        DovecotCorpus.fill(noCondstore, "fay", List.of(new DovecotCorpus.Folder(List.of("F"), msgs)));
        List<String> a = List.of("--journal", tmp.resolve("journal").toString(), "--verbose",
                noCondstore.imapAddress(), "fay", "f", src.imapAddress(), "fay", "f");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
        assertThat(MoveIMAPMail.run(a.toArray(String[]::new), ps, ps, null, null)).as(o.toString()).isZero();
        try (DovecotImap s = new DovecotImap(noCondstore.host(), noCondstore.imapPort(), "fay", "f")) {
            s.command("SELECT INBOX.F");
            s.command("STORE 2,5 FLAGS.SILENT (\\Seen $Done)");
        }
        o.reset();
        assertThat(MoveIMAPMail.run(a.toArray(String[]::new), ps, ps, null, null)).as(o.toString()).isZero();
        assertThat(o.toString()).contains("INBOX.F: no new messages since the last run; checking flags")
                .contains("INBOX.F: flags updated on 2 messages").contains(" 0 messages copied");
        assertThat(MailboxComparison.compare(noCondstore, "fay", src, "fay", Map.of("INBOX.F", "F"))).isEmpty();
    }

    @Test
    void multiappendWithoutLiteralPlusWaitsForEachContinuation() throws Exception {
        // MULTIAPPEND (RFC 3502) offered without LITERAL+: every literal of the one APPEND waits for its "+"
        moveExactly(multi, "eve", 73);
        assertThat(Files.readString(multi.dir().resolve("dovecot.log"))).doesNotContain("Error");
    }

    @Test
    void refusedMessagesAreListedWithTheServersReason() throws Exception {
        Random r = new Random(81);
        List<DovecotCorpus.Message> msgs = new ArrayList<>();
        for (int i = 0; i < 6; i++) msgs.add(DovecotCorpus.sizedMessage(r, i, i % 3 == 0 ? 300_000 : 5_000));
        DovecotCorpus.fill(src, "ben", List.of(new DovecotCorpus.Folder(List.of("Big"), msgs)));
        Run run = move(strict, "ben", "--verify");
        assertThat(run.code()).as(run.out()).isEqualTo(ExitCodes.FINISHED_WITH_ERRORS);
        assertThat(run.out()).contains("4 messages copied").contains("2 not copied")
                .contains("not copied: Big UID 1 (").contains("not copied: Big UID 4 (").contains("target refused APPEND: NO")
                .contains("verify Big: 4 messages").contains("(2 listed as not copied): OK");
        try (DovecotImap t = new DovecotImap(strict.host(), strict.imapPort(), "ben", "b")) {
            assertThat(t.messages("Big")).hasSize(4);
        }
    }

    @Test
    void fixLongLinesSplitsEveryLongLine() throws Exception {
        Random r = new Random(91);
        List<DovecotCorpus.Message> msgs = new ArrayList<>();
        for (int i = 0; i < 5; i++) msgs.add(DovecotCorpus.message(r, i, 3));
        DovecotCorpus.fill(src, "cy", List.of(new DovecotCorpus.Folder(List.of("Long"), msgs)));
        Run run = move(strict, "cy", "--fixLongLines", "500", "--verify");
        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).contains("verify: source and target match");
        try (DovecotImap t = new DovecotImap(strict.host(), strict.imapPort(), "cy", "c")) {
            List<byte[]> bodies = t.bodies("Long");
            assertThat(bodies).hasSize(5);
            for (byte[] b : bodies) {
                for (String line : new String(b, StandardCharsets.ISO_8859_1).split("\r\n")) assertThat(line.length()).isLessThanOrEqualTo(500);
            }
        }
    }

    @Test
    void heapStaysFlatWithBigMessagesAndABigFolder() throws Exception {
        Random r = new Random(101);
        List<DovecotCorpus.Message> big = new ArrayList<>();
        for (int i = 0; i < 10; i++) big.add(DovecotCorpus.sizedMessage(r, i, 5_000_000));
        List<DovecotCorpus.Message> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) many.add(DovecotCorpus.message(r, 100 + i, i % 9 == 1 ? 0 : i % 9));
        List<DovecotCorpus.Folder> corpus = List.of(new DovecotCorpus.Folder(List.of("Big"), big), new DovecotCorpus.Folder(List.of("Many"), many));
        DovecotCorpus.fill(src, "di", corpus);
        // 64 MB of heap for 50 MB of 5 MB messages: only streaming can do it (a 50,000-message folder: MoverBigFolderTest)
        List<String> args = List.of("--journal", tmp.resolve("journal").toString(), src.imapAddress(), "di", "d", src.imapAddress(), "di2", "d");
        Process p = DovecotMoverProcess.start("64m", MoveIMAPMail.class.getName(), args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("2010 messages copied");
        assertThat(MailboxComparison.compare(src, "di", src, "di2", Map.of("Big", "Big", "Many", "Many"))).isEmpty();
    }
}
