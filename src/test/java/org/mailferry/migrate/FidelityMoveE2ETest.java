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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.app.Main;
import org.mailferry.cli.CliClient;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotServer;
import org.mailferry.testing.DovecotServer.Layout;
import org.mailferry.testing.ServerProcess;
import picocli.CommandLine;

/**
 * MoveIMAPMail from Dovecot into Mailferry keeps each folder's UIDVALIDITY and UIDs (X-MAILFERRY-UIDS,
 * docs/imap.md), including the gaps expunges left in the source's UIDs; with --noKeepUIDs the target numbers
 * the copies itself (1, 2, 3 ...) as before.
 */
class FidelityMoveE2ETest {
    @TempDir
    Path tmp;

    @Test
    void uidValidityAndUidsSurviveAMoveIntoMailferry() throws Exception {
        try (DovecotServer old = DovecotServer.builder().layout(Layout.MAILDIR_DOT)
                .user("ann", "ann-pw").start()) {
            List<DovecotCorpus.Folder> corpus = DovecotCorpus.sized(11, 40, 2);
            DovecotCorpus.fill(old, "ann", corpus);
            List<String> folders = new ArrayList<>();
            Map<String, String> targets = new java.util.HashMap<>();
            for (DovecotCorpus.Folder f : corpus) {
                folders.add(DovecotCorpus.name(f, Layout.MAILDIR_DOT));
                targets.put(DovecotCorpus.name(f, Layout.MAILDIR_DOT),
                        MailboxComparison.expectedName(f.path(), Layout.MAILDIR_DOT, Layout.MAILDIR_FS));
            }
            try (DovecotImap src = new DovecotImap(old.host(), old.imapPort(), "ann", "ann-pw")) {
                for (String f : folders) { // leave gaps: UIDs 2 and 5 gone
                    src.command("SELECT " + quote(DovecotImap.mutf7(f)));
                    src.command("UID STORE 2,5 +FLAGS.SILENT (\\Deleted)");
                    src.command("EXPUNGE");
                }
            }
            oldAddress = old.imapAddress();
            int cli = ServerProcess.freePort();
            int imap = ServerProcess.freePort(), pop3 = ServerProcess.freePort();
            try (ServerProcess server = ServerProcess.start(tmp.resolve("base"), Map.of("cli", cli, "imap", imap, "pop3", pop3))) {
                Path list = tmp.resolve("AccountList");
                Files.writeString(list, "Name\tPassword\nann\tann-pw\nbob\tbob-pw\n");
                int imported = new CommandLine(new Main()).execute("import", "accounts", list.toString(),
                        "--port", String.valueOf(cli), "--password", "secret");
                assertThat(imported).isZero();

                String kept = move("ann", "ann-pw", imap, "--verbose");
                assertThat(kept).contains("UIDs kept (UIDVALIDITY");
                String fresh = move("bob", "bob-pw", imap, "--verbose", "--noKeepUIDs");
                assertThat(fresh).doesNotContain("UIDs kept");

                try (DovecotImap src = new DovecotImap(old.host(), old.imapPort(), "ann", "ann-pw");
                     DovecotImap ann = new DovecotImap("127.0.0.1", imap, "ann", "ann-pw");
                     DovecotImap bob = new DovecotImap("127.0.0.1", imap, "bob", "bob-pw")) {
                    for (String f : folders) {
                        String to = targets.get(f);
                        List<DovecotImap.Msg> from = src.messages(f);
                        List<Long> ordinal = java.util.stream.LongStream.rangeClosed(1, from.size()).boxed().toList();
                        assertThat(from).as("source %s", f).hasSizeGreaterThan(2);
                        assertThat(from.stream().map(DovecotImap.Msg::uid).toList()).as("gaps in %s", f).isNotEqualTo(ordinal);
                        assertThat(ann.messages(to)).as("%s: same UIDs, bodies, flags, dates", to).isEqualTo(from);
                        assertThat(uidValidity(ann, to)).as("%s: UIDVALIDITY", to).isEqualTo(uidValidity(src, f));
                        List<DovecotImap.Msg> renumbered = bob.messages(to);
                        assertThat(renumbered.stream().map(DovecotImap.Msg::uid).toList()).as("--noKeepUIDs %s", to)
                                .isEqualTo(ordinal);
                        // (not its UIDVALIDITY: both servers take the time in seconds, so a mailbox made in the same
                        // second as the source's may have the same one by chance)
                    }
                }
                // a rerun copies nothing and keeps everything as it is: one STATUS per folder shows nothing new
                String again = move("ann", "ann-pw", imap, "--verbose");
                assertThat(again).contains("nothing new since the last run").doesNotContain("UIDs not kept")
                        .contains(" 0 messages copied");

                // POP clients (Python's poplib here) see the UIDLs they knew, once the server speaks Dovecot's UIDL format
                List<String> before = uidls(old.pop3Port(), "ann", "ann-pw");
                assertThat(before).hasSizeGreaterThan(2);
                assertThat(uidls(pop3, "ann", "ann-pw")).isNotEqualTo(before); // the default "UIDVALIDITY.UID"
                try (CliClient c = CliClient.connect("127.0.0.1", cli, "postmaster", "secret", 10_000)) {
                    c.command("UPDATESERVERSETTINGS {POP3UIDLFormat=\"%08Xu%08Xv\";}"); // DovecotServer's pop3_uidl_format
                }
                assertThat(uidls(pop3, "ann", "ann-pw")).isEqualTo(before);
            }
        }
    }

    /**
     * UIDLs that are not made of UIDs (Dovecot's %g, the Maildir file name; qpopper, Courier and others have
     * their own): MovePOPMail into Mailferry hands each message's UIDL over with X-UIDL, and a POP client then
     * sees the UIDLs it knew, even for messages that came by SMTP later (those get Mailferry's own), and after
     * some are deleted.
     */
    @Test
    void uidlsOfAnyFormSurviveMovePOPMailIntoMailferry() throws Exception {
        try (DovecotServer old = DovecotServer.builder().layout(Layout.MAILDIR_DOT).user("cy", "cy-pw")
                .extraConfig("pop3_uidl_format = %g").start()) {
            List<DovecotCorpus.Folder> corpus = List.of(new DovecotCorpus.Folder(List.of("INBOX"),
                    DovecotCorpus.sized(12, 30, 1).get(0).messages()));
            DovecotCorpus.fill(old, "cy", corpus);
            List<String> before = uidls(old.pop3Port(), "cy", "cy-pw");
            assertThat(before).hasSize(30);
            assertThat(before.get(0)).as("not UID-based").matches("1 [0-9]+\\.\\S+");

            int cli = ServerProcess.freePort(), imap = ServerProcess.freePort(), pop3 = ServerProcess.freePort();
            try (ServerProcess server = ServerProcess.start(tmp.resolve("base2"), Map.of("cli", cli, "imap", imap, "pop3", pop3))) {
                Path list = tmp.resolve("AccountList2");
                Files.writeString(list, "Name\tPassword\ncy\tcy-new\n");
                assertThat(new CommandLine(new Main()).execute("import", "accounts", list.toString(),
                        "--port", String.valueOf(cli), "--password", "secret")).isZero();
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
                int code = MovePOPMail.run(new String[]{"--journal", tmp.resolve("journal-pop").toString(), "--imap-password", "cy-new",
                        old.pop3Address(), "cy", "cy-pw", "127.0.0.1:" + imap, "cy"}, ps, ps, null);
                String text = o.toString(StandardCharsets.UTF_8);
                assertThat(code).as(text).isZero();
                assertThat(text).contains("30 messages copied").contains("30 messages keep their UIDL");

                assertThat(uidls(pop3, "cy", "cy-new")).isEqualTo(before);
                // a message delivered after the move gets a UIDL of Mailferry's own, unlike every kept one
                try (DovecotImap c = new DovecotImap("127.0.0.1", imap, "cy", "cy-new")) {
                    c.appendAll("INBOX", List.of(new DovecotCorpus.Message("Subject: new\r\n\r\nafter the move\r\n"
                            .getBytes(StandardCharsets.US_ASCII), List.of(), "01-Dec-2026 10:00:00 +0000")));
                }
                List<String> after = uidls(pop3, "cy", "cy-new");
                assertThat(after.subList(0, 30)).isEqualTo(before);
                String added = after.get(30).substring(3);
                assertThat(before.stream().map(l -> l.substring(l.indexOf(' ') + 1))).doesNotContain(added);
                // deleting over POP leaves the others' UIDLs as they were
                deleteFirst(pop3, "cy", "cy-new", 3);
                assertThat(uidls(pop3, "cy", "cy-new").stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList())
                        .isEqualTo(after.subList(3, 31).stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList());
            }
        }
    }

    /**
     * MoveIMAPMail --source-pop: the INBOX messages copied over IMAP get the UIDLs the old server's POP3 gives
     * them (matched by header, duplicates in order), whatever their form; other folders are not touched.
     */
    @Test
    void moveImapMailKeepsPopUidlsOfAnyFormWithSourcePop() throws Exception {
        try (DovecotServer old = DovecotServer.builder().layout(Layout.MAILDIR_DOT).user("di", "di-pw")
                .extraConfig("pop3_uidl_format = %g").start()) {
            List<DovecotCorpus.Message> inbox = new ArrayList<>(DovecotCorpus.sized(13, 25, 1).get(0).messages());
            inbox.add(inbox.get(3)); // the same message twice: identical headers, paired in order
            inbox.add(inbox.get(3));
            DovecotCorpus.fill(old, "di", List.of(new DovecotCorpus.Folder(List.of("INBOX"), inbox),
                    new DovecotCorpus.Folder(List.of("Other"), DovecotCorpus.sized(14, 5, 1).get(0).messages())));
            List<String> before = uidls(old.pop3Port(), "di", "di-pw");
            assertThat(before).hasSize(27);

            int cli = ServerProcess.freePort(), imap = ServerProcess.freePort(), pop3 = ServerProcess.freePort();
            try (ServerProcess server = ServerProcess.start(tmp.resolve("base3"), Map.of("cli", cli, "imap", imap, "pop3", pop3))) {
                Path list = tmp.resolve("AccountList3");
                Files.writeString(list, "Name\tPassword\ndi\tdi-new\ndj\tdj-new\n");
                assertThat(new CommandLine(new Main()).execute("import", "accounts", list.toString(),
                        "--port", String.valueOf(cli), "--password", "secret")).isZero();
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
                int code = MoveIMAPMail.run(new String[]{"--journal", tmp.resolve("journal-di").toString(), "--verbose",
                        "--source-pop", old.pop3Address(), "--report", tmp.resolve("di.json").toString(),
                        old.imapAddress(), "di", "di-pw", "127.0.0.1:" + imap, "di", "di-new"}, ps, ps, null, null);
                String text = o.toString(StandardCharsets.UTF_8);
                assertThat(code).as(text).isZero();
                assertThat(text).contains("INBOX: 27 of 27 POP messages keep their UIDL");
                assertThat(Files.readString(tmp.resolve("di.json"))).contains("\"popUidlsKept\":27");
                assertThat(uidls(pop3, "di", "di-new")).isEqualTo(before);

                // the audit before the cut-over: --verify compares the UIDL lists of both POP servers
                String[] verify = {"--journal", tmp.resolve("journal-di").toString(), "--verify", "--source-pop", old.pop3Address(),
                        "--target-pop", "127.0.0.1:" + pop3, old.imapAddress(), "di", "di-pw", "127.0.0.1:" + imap, "di", "di-new"};
                o.reset();
                assertThat(MoveIMAPMail.run(verify, ps, ps, null, null)).as(o.toString()).isZero();
                assertThat(o.toString()).contains("verify POP3 UIDLs: all 27 of the old server's are on the new one: OK");
                // an account moved without --source-pop: its POP clients would fetch everything again...
                assertThat(MoveIMAPMail.run(new String[]{"--journal", tmp.resolve("journal-dj").toString(), old.imapAddress(), "di", "di-pw",
                        "127.0.0.1:" + imap, "dj", "dj-new"}, ps, ps, null, null)).isZero();
                assertThat(uidls(pop3, "dj", "dj-new")).isNotEqualTo(before);
                // ...until the final pass with --source-pop gives those earlier copies their UIDLs (XUIDL); the audit passes
                String[] finalPass = {"--journal", tmp.resolve("journal-dj").toString(), "--verbose", "--verify", "--source-pop",
                        old.pop3Address(), "--target-pop", "127.0.0.1:" + pop3, old.imapAddress(), "di", "di-pw", "127.0.0.1:" + imap, "dj", "dj-new"};
                o.reset();
                assertThat(MoveIMAPMail.run(finalPass, ps, ps, null, null)).as(o.toString()).isZero();
                assertThat(o.toString()).contains("INBOX: 27 messages copied by earlier runs now keep their UIDL too")
                        .contains("verify POP3 UIDLs: all 27 of the old server's are on the new one: OK");
                assertThat(uidls(pop3, "dj", "dj-new")).isEqualTo(before);
                // a message lost on the new server: the audit names the UIDL POP clients would miss
                try (DovecotImap dj = new DovecotImap("127.0.0.1", imap, "dj", "dj-new")) {
                    dj.command("SELECT INBOX");
                    dj.command("UID STORE 1 +FLAGS.SILENT (\\Deleted)");
                    dj.command("UID EXPUNGE 1"); // not EXPUNGE: other messages carry \Deleted from the corpus
                }
                o.reset();
                assertThat(MoveIMAPMail.run(finalPass, ps, ps, null, null)).as(o.toString()).isEqualTo(ExitCodes.VERIFY_DIFFERENCES);
                assertThat(o.toString()).contains("verify POP3 UIDLs: 1 of the old server's 27 are not on the new one")
                        .contains("INBOX: every copy keeps its POP3 UIDL already; the POP server is not asked");
            }
        }
    }

    /**
     * --dry-run as a pre-flight: per folder the target name, messages and bytes, whether the target folder is new,
     * and the messages over the target's APPENDLIMIT (Mailferry's MaxMessageSize), which the copy would list as
     * refused; nothing is copied.
     */
    @Test
    void dryRunPredictsWhatTheTargetWouldRefuse() throws Exception {
        try (DovecotServer old = DovecotServer.builder().layout(Layout.MAILDIR_DOT).user("eve", "eve-pw").start()) {
            java.util.Random r = new java.util.Random(17);
            List<DovecotCorpus.Message> big = new ArrayList<>();
            for (int i = 0; i < 5; i++) big.add(DovecotCorpus.sizedMessage(r, i, i % 2 == 0 ? 300_000 : 5_000));
            DovecotCorpus.fill(old, "eve", List.of(new DovecotCorpus.Folder(List.of("Big"), big)));
            int cli = ServerProcess.freePort(), imap = ServerProcess.freePort();
            Path base = tmp.resolve("base4");
            try (ServerProcess server = ServerProcess.start(base, Map.of("cli", cli, "imap", imap))) {
                Files.writeString(tmp.resolve("AccountList4"), "Name\tPassword\neve\teve-new\n");
                assertThat(new CommandLine(new Main()).execute("import", "accounts", tmp.resolve("AccountList4").toString(),
                        "--port", String.valueOf(cli), "--password", "secret")).isZero();
                try (CliClient c = CliClient.connect("127.0.0.1", cli, "postmaster", "secret", 10_000)) {
                    c.command("UPDATESERVERSETTINGS {MaxMessageSize=100K;}"); // read at start
                }
            }
            try (ServerProcess server = ServerProcess.start(base, Map.of("cli", cli, "imap", imap))) {
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
                int code = MoveIMAPMail.run(new String[]{"--journal", tmp.resolve("journal-eve").toString(), "--dry-run",
                        old.imapAddress(), "eve", "eve-pw", "127.0.0.1:" + imap, "eve", "eve-new"}, ps, ps, null, null);
                String text = o.toString(StandardCharsets.UTF_8);
                assertThat(code).as(text).isZero();
                assertThat(text).containsPattern("would copy INBOX.Big -> Big: 5 messages, 0\\.9 MB; new on the target; "
                                + "3 over the target's APPENDLIMIT \\(102400 bytes\\), UIDs 1, 3, 5")
                        .contains("would copy 2 folders, 5 messages, 0.9 MB; 3 over the target's APPENDLIMIT");
                try (DovecotImap t = new DovecotImap("127.0.0.1", imap, "eve", "eve-new")) {
                    assertThat(t.list()).doesNotContain("Big");
                }
            }
        }
    }

    private static void deleteFirst(int port, String user, String password, int n) throws Exception {
        String script = "import poplib,sys\np=poplib.POP3('127.0.0.1',int(sys.argv[1]),timeout=20)\np.user(sys.argv[2])\np.pass_(sys.argv[3])\n"
                + "for i in range(1,int(sys.argv[4])+1): p.dele(i)\np.quit()\n";
        Process p = new ProcessBuilder("python3", "-c", script, String.valueOf(port), user, password, String.valueOf(n))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    private String move(String user, String password, int imap, String... extra) {
        List<String> a = new ArrayList<>(List.of("--journal", tmp.resolve("journal-" + user).toString()));
        a.addAll(List.of(extra));
        a.addAll(List.of(oldAddress, "ann", "ann-pw", "127.0.0.1:" + imap, user, password));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
        int code = MoveIMAPMail.run(a.toArray(String[]::new), ps, ps, null, null);
        String text = o.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        return text;
    }

    private String oldAddress;

    /** "n uidl" lines of a UIDL command, as Python's poplib gets them (a POP client no one here wrote). */
    private static List<String> uidls(int port, String user, String password) throws Exception {
        String script = "import poplib,sys\np=poplib.POP3('127.0.0.1',int(sys.argv[1]),timeout=20)\np.user(sys.argv[2])\np.pass_(sys.argv[3])\n"
                + "for l in p.uidl()[1]: print(l.decode())\np.quit()\n";
        Process p = new ProcessBuilder("python3", "-c", script, String.valueOf(port), user, password).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().toList();
    }

    private static long uidValidity(DovecotImap c, String folder) throws Exception {
        Pattern p = Pattern.compile("UIDVALIDITY (\\d+)");
        for (byte[] r : c.command("STATUS " + quote(DovecotImap.mutf7(folder)) + " (UIDVALIDITY)")) {
            Matcher m = p.matcher(new String(r, StandardCharsets.ISO_8859_1));
            if (m.find()) return Long.parseLong(m.group(1));
        }
        throw new AssertionError("no UIDVALIDITY for " + folder);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
