package org.mailferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.mailferry.testing.DovecotServer.Layout;
import org.mailferry.testing.SmtpSinkServer;

/** MoveAccounts over a tab-delimited file, POP into smtp-sink and IMAP between Dovecots, several accounts at once. */
class MoveAccountsTest {
    static DovecotServer src, tgt;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        src = DovecotServer.builder().layout(Layout.MAILDIR_DOT).user("john", "Kj27ss#45").user("jim", "dud-ee").user("george", "mia#hj!")
                .user("ann", "pa").user("bea", "pb").user("cat", "pc").start();
        tgt = DovecotServer.builder().layout(Layout.MAILDIR_FS).user("ann", "pa").user("bea.new", "new-b").user("cat", "pc").start();
        Random r = new Random(5);
        for (String u : List.of("john", "jim", "george", "ann", "bea", "cat")) {
            DovecotCorpus.fill(src, u, List.of(
                    new DovecotCorpus.Folder(List.of("INBOX"), List.of(DovecotCorpus.message(r, 1, 0), DovecotCorpus.message(r, 2, 2))),
                    new DovecotCorpus.Folder(List.of("Sent"), List.of(DovecotCorpus.message(r, 3, 1)))));
        }
    }

    @AfterAll
    static void stop() {
        if (src != null) src.close();
        if (tgt != null) tgt.close();
    }

    record Run(int code, String out) { }

    Run moveAccounts(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
        int code = MoveAccounts.run(args, ps, ps);
        return new Run(code, o.toString(StandardCharsets.UTF_8));
    }

    @Test
    void popAccountsFromTheSeedSampleFile() throws Exception {
        Path list = tmp.resolve("AccountList");
        Files.writeString(list, "Name\tLimit\tPassword\tNewName\njohn\t10K\tj27ss#45\t\njim\t120K\tdud-ee\tjim.new@new.example\n"
                .replace("j27ss", "Kj27ss") + "george\t31M\tmia#hj!\n");
        try (SmtpSinkServer sink = SmtpSinkServer.start()) {
            Run r = moveAccounts("--POP", list.toString(), src.pop3Address(), sink.address(), "--journal", tmp.resolve("j").toString());
            assertThat(r.code()).as(r.out()).isZero();
            assertThat(r.out()).containsPattern("john +ok +1 +2").containsPattern("george +ok");
            List<SmtpSinkServer.Received> got = sink.received();
            assertThat(got).hasSize(6);
            assertThat(got.stream().flatMap(g -> g.recipients().stream()).distinct())
                    .containsExactlyInAnyOrder("<john>", "<jim.new@new.example>", "<george>");
        }
        String json = Files.readString(tmp.resolve("AccountList.report.json"));
        assertThat(json).contains("\"account\":\"john\"").contains("\"exitClass\":\"ok\"").contains("\"mover\":\"MovePOPMail\"");
    }

    @Test
    void popAccountsIntoImapFolders() throws Exception {
        Path list = tmp.resolve("pop-imap.tsv");
        Files.writeString(list, "Name\tPassword\tNewName\tNewPassword\ncat\tpc\t\t\n");
        Run r = moveAccounts("--POP", "--POP-to-IMAP", list.toString(), src.pop3Address(), tgt.imapAddress(), "--journal",
                tmp.resolve("j").toString(), "--imap-folder", "Old POP");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("cat +ok +1 +2").doesNotContain("pc\t");
        try (DovecotImap c = new DovecotImap(tgt.host(), tgt.imapPort(), "cat", "pc");
             DovecotImap s = new DovecotImap(src.host(), src.imapPort(), "cat", "pc")) {
            assertThat(c.messages("Old POP").stream().map(DovecotImap.Msg::sha256).sorted().toList())
                    .isEqualTo(s.messages("INBOX").stream().map(DovecotImap.Msg::sha256).sorted().toList());
        }
        assertThat(moveAccounts("--IMAP", "--POP-to-IMAP", list.toString(), src.imapAddress(), tgt.imapAddress()).code())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void imapAccountsInParallelWithNewNamesAndOneFailure() throws Exception {
        Path list = tmp.resolve("imap.tsv");
        Files.writeString(list, "Name\tPassword\tNewName\tNewPassword\r\nann\tpa\t\t\r\nbea\tpb\tbea.new\tnew-b\r\ncat\twrong\t\t\r\n");
        Path report = tmp.resolve("out.json");
        Run r = moveAccounts("--IMAP", "--parallel", "3", "--max-per-host", "2", "--report", report.toString(), list.toString(),
                src.imapAddress(), tgt.imapAddress(), "--journal", tmp.resolve("j").toString(), "--verbose");
        assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.FINISHED_WITH_ERRORS);
        assertThat(r.out()).containsPattern("ann +ok +2 +3").containsPattern("bea +ok +2 +3")
                .containsPattern("cat +login-failed-source").contains("[bea] ");
        assertThat(MailboxComparison.compare(src, "bea", tgt, "bea.new", Map.of("INBOX", "INBOX", "INBOX.Sent", "Sent"))).isEmpty();
        assertThat(MailboxComparison.compare(src, "ann", tgt, "ann", Map.of("INBOX", "INBOX", "INBOX.Sent", "Sent"))).isEmpty();
        String json = Files.readString(report);
        assertThat(json).contains("\"account\":\"cat\"").contains("\"exitClass\":\"login-failed-source\"").contains("\"messages\":3");
        assertThat(r.out()).doesNotContain("Excluded"); // the extra columns only when some account has them

        // a rerun with a filter: the table gets the Excluded, Flags and UIDLs columns
        Files.writeString(list, "Name\tPassword\nann\tpa\n");
        Run again = moveAccounts("--IMAP", list.toString(), src.imapAddress(), tgt.imapAddress(), "--journal", tmp.resolve("j2").toString(),
                "--maxsize", "1");
        assertThat(again.code()).as(again.out()).isZero();
        assertThat(again.out()).contains("Excluded").containsPattern("ann +ok +2 +0 +0 +0 +0 +0\\.0 +[0-9.]+ +3 +0 +0");
    }

    @Test
    void badFilesAreRefusedWithFileAndLine() throws Exception {
        Path noPassword = tmp.resolve("bad1");
        Files.writeString(noPassword, "Name\tLimit\njohn\t10K\n");
        Run r = moveAccounts(noPassword.toString(), src.pop3Address(), "127.0.0.1:25");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).contains("bad1 line 1: the field names must include Name and Password");
        Path shortLine = tmp.resolve("bad2");
        Files.writeString(shortLine, "Name\tLimit\tPassword\njohn\t10K\tpw\njim\n");
        r = moveAccounts(shortLine.toString(), src.pop3Address(), "127.0.0.1:25");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).contains("bad2 line 3: 1 fields, but Name and Password need 3");
        assertThat(moveAccounts("--POP", "--IMAP", shortLine.toString(), "a", "b").code()).isEqualTo(ExitCodes.USAGE);
    }
}
