package org.mailferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.app.Main;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotServer;
import org.mailferry.testing.DovecotServer.Layout;
import org.mailferry.testing.ServerProcess;
import picocli.CommandLine;

/**
 * The seed's migration, end to end, against a real old server: a Dovecot holds the users' mail; a Mailferry
 * server is started; the seed's account list file (Name, Limit, Password) is imported over the CLI; MoveAccounts
 * --IMAP copies every folder into Mailferry's IMAP server; the users then log in to Mailferry with their old
 * passwords and find every message with its flags and internal date. A second run copies nothing.
 */
class SeedMigrationE2ETest {
    @TempDir
    Path tmp;

    @Test
    void accountsAndMailMoveFromDovecotToMailferry() throws Exception {
        try (DovecotServer old = DovecotServer.builder().layout(Layout.MAILDIR_DOT)
                .user("john", "j27ss#45").user("jim", "dud-ee").start()) {
            List<DovecotCorpus.Folder> corpus = DovecotCorpus.pathological(7, '.');
            DovecotCorpus.fill(old, "john", corpus);
            List<DovecotCorpus.Folder> jimCorpus = DovecotCorpus.sized(3, 20, 2);
            DovecotCorpus.fill(old, "jim", jimCorpus);

            int cli = ServerProcess.freePort();
            int imap = ServerProcess.freePort();
            try (ServerProcess server = ServerProcess.start(tmp.resolve("base"), Map.of("cli", cli, "imap", imap))) {
                // the seed's AccountList file: Name, Limit, Password (Limit is not a setting: reported, ignored)
                Path list = tmp.resolve("AccountList");
                Files.writeString(list, "Name\tLimit\tPassword\njohn\t10K\tj27ss#45\njim\t120K\tdud-ee\n");
                Run imported = run(() -> new CommandLine(new Main()).execute("import", "accounts", list.toString(),
                        "--port", String.valueOf(cli), "--password", "secret"));
                assertThat(imported.code()).as(imported.text()).isZero();

                Run moved = run(() -> MoveAccounts.run(new String[] {"--IMAP", list.toString(), old.imapAddress(),
                        "127.0.0.1:" + imap, "--journal", tmp.resolve("journal").toString()},
                        printer(), printer()));
                assertThat(moved.code()).as(moved.text()).isZero();

                assertSameMail(old, "john", "j27ss#45", imap, corpus);
                assertSameMail(old, "jim", "dud-ee", imap, jimCorpus);

                Run again = run(() -> MoveAccounts.run(new String[] {"--IMAP", list.toString(), old.imapAddress(),
                        "127.0.0.1:" + imap, "--journal", tmp.resolve("journal").toString()},
                        printer(), printer()));
                assertThat(again.code()).as(again.text()).isZero();
                assertSameMail(old, "john", "j27ss#45", imap, corpus);
            }
        }
    }

    /** Every source folder exists in Mailferry (with '/' as separator) holding the same messages, flags, dates. */
    private static void assertSameMail(DovecotServer old, String user, String password, int imapPort,
            List<DovecotCorpus.Folder> corpus) throws Exception {
        try (DovecotImap src = new DovecotImap(old.host(), old.imapPort(), user, password);
             DovecotImap dst = new DovecotImap("127.0.0.1", imapPort, user, password)) {
            List<String> targetFolders = dst.list();
            for (DovecotCorpus.Folder f : corpus) {
                String from = DovecotCorpus.name(f, Layout.MAILDIR_DOT);
                String to = MailboxComparison.expectedName(f.path(), Layout.MAILDIR_DOT, Layout.MAILDIR_FS);
                assertThat(targetFolders).as("%s: folder %s (from %s)", user, to, from).contains(to);
                assertThat(keys(dst.messages(to))).as("%s: messages of %s", user, to)
                        .isEqualTo(keys(src.messages(from)));
            }
        }
    }

    private static Map<String, Integer> keys(List<DovecotImap.Msg> msgs) {
        Map<String, Integer> m = new HashMap<>();
        for (DovecotImap.Msg x : msgs) {
            List<String> flags = new ArrayList<>(x.flags());
            flags.remove("\\Recent");
            flags.sort(null);
            m.merge(x.sha256() + " " + x.size() + " " + flags + " " + x.internalDate(), 1, Integer::sum);
        }
        return m;
    }

    private record Run(int code, String text) {
    }

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private PrintStream printer() {
        return new PrintStream(captured, true, StandardCharsets.UTF_8);
    }

    private Run run(java.util.concurrent.Callable<Integer> action) throws Exception {
        captured.reset();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(printer());
        System.setErr(printer());
        try {
            int code = action.call();
            return new Run(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
