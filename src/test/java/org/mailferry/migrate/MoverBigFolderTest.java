package org.mailferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.app.Main;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotMoverProcess;
import org.mailferry.testing.DovecotServer;
import org.mailferry.testing.DovecotServer.Layout;
import org.mailferry.testing.ServerProcess;
import picocli.CommandLine;

/**
 * The memory test: MoveIMAPMail in its own JVM capped at 256 MB copies a 50,000-message folder and
 * 5 MB messages from Dovecot into Mailferry. Only streaming (bounded windows and batches, big bodies spooled
 * to disk) fits; every message must arrive, the big ones byte for byte, with their UIDs kept.
 */
class MoverBigFolderTest {
    static final int MESSAGES = 50_000;

    @TempDir
    Path tmp;

    @Test
    void fiftyThousandMessagesAndFiveMegabyteOnesUnder256Megabytes() throws Exception {
        try (DovecotServer src = DovecotServer.builder().layout(Layout.MAILDIR_FS).pop3(false).user("big", "b").start()) {
            Random r = new Random(50_000);
            List<DovecotCorpus.Message> big = new ArrayList<>();
            for (int i = 0; i < 6; i++) big.add(DovecotCorpus.sizedMessage(r, i, 5_000_000));
            DovecotCorpus.fill(src, "big", List.of(new DovecotCorpus.Folder(List.of("Big"), big)));
            DovecotCorpus.writeMaildirInbox(src, "big", new Iterator<>() {
                int i;

                public boolean hasNext() { return i < MESSAGES; }

                public DovecotCorpus.Message next() { return DovecotCorpus.sizedMessage(r, 1000 + i++, 300 + r.nextInt(900)); }
            });
            int cli = ServerProcess.freePort(), imap = ServerProcess.freePort();
            try (ServerProcess server = ServerProcess.start(tmp.resolve("base"), Map.of("cli", cli, "imap", imap))) {
                Files.writeString(tmp.resolve("accounts"), "Name\tPassword\nbig\tnew-pw\n");
                assertThat(new CommandLine(new Main()).execute("import", "accounts", tmp.resolve("accounts").toString(),
                        "--port", String.valueOf(cli), "--password", "secret")).isZero();
                Process p = DovecotMoverProcess.start("256m", MoveIMAPMail.class.getName(), List.of("--journal", tmp.resolve("journal").toString(),
                        "--connections", "2", "--target-tls", "none", src.imapAddress(), "big", "b", "127.0.0.1:" + imap, "big", "new-pw"));
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(out).isZero();
                assertThat(out).contains((MESSAGES + big.size()) + " messages copied").contains(" 0 not copied, 0 errors");
                try (DovecotImap from = new DovecotImap(src.host(), src.imapPort(), "big", "b");
                     DovecotImap to = new DovecotImap("127.0.0.1", imap, "big", "new-pw")) {
                    assertThat(to.messages("Big")).isEqualTo(from.messages("Big"));
                    assertThat(status(to, "INBOX")).isEqualTo(status(from, "INBOX")).contains("MESSAGES " + MESSAGES);
                }
            }
        }
    }

    /** "MESSAGES n UIDNEXT n UIDVALIDITY n": equal on both sides when the copy kept the UIDs. */
    private static String status(DovecotImap c, String box) throws Exception {
        for (byte[] line : c.command("STATUS " + box + " (MESSAGES UIDNEXT UIDVALIDITY)")) {
            String s = new String(line, StandardCharsets.UTF_8);
            if (s.startsWith("* STATUS")) return s.substring(s.indexOf('(') + 1, s.lastIndexOf(')'));
        }
        throw new AssertionError("no STATUS response for " + box);
    }
}
