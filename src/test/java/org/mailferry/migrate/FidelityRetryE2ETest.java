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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.app.Main;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotDropProxy;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotServer;
import org.mailferry.testing.ServerProcess;
import picocli.CommandLine;

/**
 * Keeping UIDs into Mailferry when the copy does not go straight through: a source that drops the
 * connection mid-FETCH (the copy resumes: the folder is counted once in foldersWithUidsKept), and a message
 * the target refuses because of a keyword it does not take (the retry without keywords keeps its X-UID).
 */
class FidelityRetryE2ETest {
    @TempDir
    Path tmp;

    @Test
    void resumedCopiesAndRetriedMessagesKeepTheirUidsAndAreCountedOnce() throws Exception {
        try (DovecotServer old = DovecotServer.builder().user("kim", "kim-pw").pop3(false)
                .extraConfig("mail_max_keyword_length = 200").start()) {
            Random r = new Random(5);
            List<DovecotCorpus.Message> inbox = new ArrayList<>();
            for (int i = 0; i < 60; i++) inbox.add(DovecotCorpus.sizedMessage(r, i, 20_000));
            DovecotCorpus.Message plain1 = DovecotCorpus.message(r, 100, 0), plain2 = DovecotCorpus.message(r, 101, 1);
            DovecotCorpus.Message gone = DovecotCorpus.message(r, 102, 2);
            DovecotCorpus.Message tagged = DovecotCorpus.message(r, 103, 3);
            String longKeyword = "Keyword" + "x".repeat(120); // Dovecot takes it; Mailferry's limit is 100 characters
            tagged = new DovecotCorpus.Message(tagged.bytes(), List.of("\\Seen", longKeyword), tagged.internalDate());
            try (DovecotImap src = new DovecotImap(old.host(), old.imapPort(), "kim", "kim-pw")) {
                src.appendAll("INBOX", inbox);
                src.create("Tags");
                List<DovecotCorpus.Message> tags = new ArrayList<>();
                for (DovecotCorpus.Message m : List.of(plain1, plain2, gone, gone)) {
                    tags.add(new DovecotCorpus.Message(m.bytes(), List.of("\\Answered"), m.internalDate()));
                }
                tags.add(tagged);
                src.appendAll("Tags", tags); // UIDs 1-5, then 3 and 4 expunged
                src.command("SELECT Tags");
                src.command("UID STORE 3:4 +FLAGS.SILENT (\\Deleted)");
                src.command("EXPUNGE");
                assertThat(src.messages("Tags").stream().map(DovecotImap.Msg::uid).toList()).containsExactly(1L, 2L, 5L);
            }
            int cli = ServerProcess.freePort(), imap = ServerProcess.freePort();
            try (ServerProcess server = ServerProcess.start(tmp.resolve("base"), Map.of("cli", cli, "imap", imap));
                 DovecotDropProxy proxy = new DovecotDropProxy(old.host(), old.imapPort(), 300_000, 2)) {
                Path list = tmp.resolve("AccountList");
                Files.writeString(list, "Name\tPassword\nkim\tkim-pw\n");
                assertThat(new CommandLine(new Main()).execute("import", "accounts", list.toString(),
                        "--port", String.valueOf(cli), "--password", "secret")).isZero();
                Path report = tmp.resolve("report.json");
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
                int code = MoveIMAPMail.run(new String[] {"--journal", tmp.resolve("journal").toString(), "--verbose",
                        "--connections", "1", "--report", report.toString(),
                        proxy.address(), "kim", "kim-pw", "127.0.0.1:" + imap, "kim", "kim-pw"}, ps, ps, null, null);
                String text = o.toString(StandardCharsets.UTF_8);
                assertThat(code).as(text).isZero();
                assertThat(proxy.dropped()).as(text).isEqualTo(2);
                assertThat(text).contains("reconnecting").contains("copied without its keywords");
                assertThat(Files.readString(report)).as(text).contains("\"foldersWithUidsKept\":2,");
                try (DovecotImap src = new DovecotImap(old.host(), old.imapPort(), "kim", "kim-pw");
                     DovecotImap tgt = new DovecotImap("127.0.0.1", imap, "kim", "kim-pw")) {
                    assertThat(uids(tgt, "INBOX")).isEqualTo(uids(src, "INBOX"));
                    assertThat(uids(tgt, "Tags")).containsExactly(1L, 2L, 5L);
                }
            }
        }
    }

    private static List<Long> uids(DovecotImap c, String folder) throws Exception {
        return c.messages(folder).stream().map(DovecotImap.Msg::uid).toList();
    }

}
