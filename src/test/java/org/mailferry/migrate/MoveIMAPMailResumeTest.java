package org.mailferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
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
import org.mailferry.testing.DovecotDropProxy;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotMoverProcess;
import org.mailferry.testing.DovecotServer;
import org.mailferry.testing.DovecotServer.Layout;

/**
 * Exactness under interruption: SIGKILL at several points and rerun, intents left open by a crash
 * (message on the target or not), a source UIDVALIDITY change, and a source that drops the connection
 * in the middle of a FETCH. Identical messages without Message-ID are part of every corpus.
 */
class MoveIMAPMailResumeTest {
    static DovecotServer src, tgt;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        src = DovecotServer.builder().layout(Layout.MAILDIR_DOT).user("kim", "k").user("lee", "l").user("max", "m").user("ned", "n").user("oz", "o").user("pia", "p").start();
        tgt = DovecotServer.builder().layout(Layout.MAILDIR_FS).user("kim2", "k").user("lee2", "l").user("max2", "m").user("ned2", "n").user("oz2", "o").user("pia2", "p").start();
    }

    @AfterAll
    static void stop() {
        if (src != null) src.close();
        if (tgt != null) tgt.close();
    }

    List<String> args(String srcUser, String tgtUser, String... extra) {
        List<String> a = new ArrayList<>(List.of("--journal", tmp.resolve("journal").toString()));
        a.addAll(List.of(extra));
        a.addAll(List.of(src.imapAddress(), srcUser, src.password(srcUser), tgt.imapAddress(), tgtUser, tgt.password(tgtUser)));
        return a;
    }

    record Run(int code, String out) { }

    Run move(List<String> args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
        int code = MoveIMAPMail.run(args.toArray(String[]::new), ps, ps, null, null);
        return new Run(code, o.toString(StandardCharsets.UTF_8));
    }

    /** Many small messages, 40 byte-identical copies without Message-ID among them, in two folders. */
    static List<DovecotCorpus.Folder> bulk(long seed) {
        Random r = new Random(seed);
        List<DovecotCorpus.Message> inbox = new ArrayList<>(), other = new ArrayList<>();
        DovecotCorpus.Message same = DovecotCorpus.message(r, 0, 5);
        for (int i = 0; i < 1200; i++) inbox.add(i % 30 == 0 ? same : DovecotCorpus.message(r, i, i % 7 == 3 ? 0 : i % 9));
        for (int i = 0; i < 400; i++) other.add(i % 50 == 0 ? same : DovecotCorpus.message(r, 5000 + i, 0));
        return List.of(new DovecotCorpus.Folder(List.of("INBOX"), inbox), new DovecotCorpus.Folder(List.of("Other"), other));
    }

    static Map<String, String> pairs(List<DovecotCorpus.Folder> corpus) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (DovecotCorpus.Folder f : corpus) m.put(DovecotCorpus.name(f, Layout.MAILDIR_DOT), MailboxComparison.expectedName(f.path(), Layout.MAILDIR_DOT, Layout.MAILDIR_FS));
        return m;
    }

    @Test
    void sigkillAtSeveralPointsThenRerunGivesAnExactCopy() throws Exception {
        List<DovecotCorpus.Folder> corpus = bulk(31);
        DovecotCorpus.fill(src, "kim", corpus);
        int kills = 0;
        for (int stopAfter : new int[] {1, 3, 5}) {
            Process p = DovecotMoverProcess.start("256m", MoveIMAPMail.class.getName(), args("kim", "kim2", "--verbose", "--connections", "2"));
            int seen = 0;
            try (BufferedReader rd = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = rd.readLine()) != null) {
                    if (line.contains("messages copied") && !line.contains("folders")) seen++;
                    if (seen >= stopAfter) {
                        p.destroyForcibly(); // SIGKILL
                        kills++;
                        break;
                    }
                }
            }
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(kills).as("the mover was killed mid-copy").isGreaterThanOrEqualTo(2);
        Run last = move(args("kim", "kim2", "--verify"));
        assertThat(last.code()).as(last.out()).isZero();
        assertThat(last.out()).contains("verify: source and target match");
        assertThat(MailboxComparison.compare(src, "kim", tgt, "kim2", pairs(corpus))).isEmpty();
    }

    @Test
    void openIntentsAreResolvedFromWhatTheTargetHas() throws Exception {
        Random r = new Random(41);
        DovecotCorpus.Message same = DovecotCorpus.message(r, 1, 4);
        List<DovecotCorpus.Message> msgs = List.of(DovecotCorpus.message(r, 2, 0), DovecotCorpus.message(r, 3, 2), same, same, same);
        List<DovecotCorpus.Folder> corpus = List.of(new DovecotCorpus.Folder(List.of("F"), msgs));
        DovecotCorpus.fill(src, "lee", corpus);
        assertThat(move(args("lee", "lee2")).code()).isZero();
        Path journal;
        try (var s = Files.list(tmp.resolve("journal"))) {
            journal = s.filter(f -> f.getFileName().toString().contains("lee")).findFirst().orElseThrow();
        }
        // a crash after the target stored the last two (identical) messages but before the journal said so
        // (and so before the folder's "copied completely" record)
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        List<String> cut = new ArrayList<>(lines);
        assertThat(cut.removeIf(l -> l.startsWith("F "))).isTrue();
        int removed = 0;
        for (int i = cut.size() - 1; i >= 0 && removed < 2; i--) {
            if (cut.get(i).startsWith("C ")) {
                cut.remove(i);
                removed++;
            }
        }
        Files.write(journal, cut);
        Run again = move(args("lee", "lee2", "--verbose"));
        assertThat(again.code()).as(again.out()).isZero();
        assertThat(again.out()).contains("2 messages of an interrupted run found on the target").contains(" 0 messages copied");
        assertThat(MailboxComparison.compare(src, "lee", tgt, "lee2", Map.of("INBOX.F", "F"))).isEmpty();

        // a crash before the target got them: the last two are missing on the target
        Files.write(journal, cut);
        try (DovecotImap t = new DovecotImap(tgt.host(), tgt.imapPort(), "lee2", "l")) {
            t.command("SELECT F");
            t.command("UID STORE 4:5 +FLAGS.SILENT (\\Deleted)");
            t.command("UID EXPUNGE 4:5"); // not EXPUNGE: other messages carry \Deleted from the corpus
        }
        Run third = move(args("lee", "lee2"));
        assertThat(third.code()).as(third.out()).isZero();
        assertThat(third.out()).contains(" 2 messages copied");
        assertThat(MailboxComparison.compare(src, "lee", tgt, "lee2", Map.of("INBOX.F", "F"))).isEmpty();
    }

    /**
     * Deltas: a rerun looks at each folder's UIDVALIDITY and UIDNEXT (one STATUS) and walks only the folders that
     * got messages since the last complete copy; the new ones are copied, nothing twice.
     */
    @Test
    void aRerunWalksOnlyTheFoldersThatChanged() throws Exception {
        Random r = new Random(61);
        List<DovecotCorpus.Message> a = new ArrayList<>(List.of(DovecotCorpus.message(r, 1, 0), DovecotCorpus.message(r, 2, 1)));
        List<DovecotCorpus.Message> b = List.of(DovecotCorpus.message(r, 3, 2), DovecotCorpus.message(r, 4, 3));
        DovecotCorpus.fill(src, "oz", List.of(new DovecotCorpus.Folder(List.of("A"), a), new DovecotCorpus.Folder(List.of("B"), b)));
        assertThat(move(args("oz", "oz2")).code()).isZero();
        Run same = move(args("oz", "oz2", "--verbose"));
        assertThat(same.out()).contains("A: nothing new since the last run").contains("B: nothing new since the last run")
                .contains(" 0 messages copied").contains(" 4 already there");

        DovecotCorpus.Message late = DovecotCorpus.message(r, 5, 0);
        try (DovecotImap s = new DovecotImap(src.host(), src.imapPort(), "oz", "o")) {
            s.appendAll("INBOX.A", List.of(late));
        }
        Run again = move(args("oz", "oz2", "--verbose"));
        assertThat(again.code()).as(again.out()).isZero();
        assertThat(again.out()).contains("B: nothing new since the last run").doesNotContain("A: nothing new")
                .contains(" 1 messages copied");
        a.add(late);
        assertThat(MailboxComparison.compare(src, "oz", tgt, "oz2", Map.of("INBOX.A", "A", "INBOX.B", "B"))).isEmpty();
        assertThat(move(args("oz", "oz2", "--verbose")).out()).contains("A: nothing new since the last run");

        // read, flagged and tagged on the old server after the copy: the final pass carries the flags over
        try (DovecotImap s = new DovecotImap(src.host(), src.imapPort(), "oz", "o")) {
            s.command("SELECT INBOX.B");
            s.command("STORE 1 FLAGS.SILENT (\\Seen \\Flagged $Label1)");
            s.command("STORE 2 -FLAGS.SILENT (\\Seen \\Answered \\Flagged \\Draft)");
            s.command("SELECT INBOX.A");
            s.command("STORE 1 FLAGS.SILENT ($Changed)");
        }
        assertThat(MailboxComparison.compare(src, "oz", tgt, "oz2", Map.of("INBOX.A", "A", "INBOX.B", "B"))).isNotEmpty();
        Run flags = move(args("oz", "oz2", "--verbose", "--report", tmp.resolve("oz.json").toString()));
        assertThat(flags.code()).as(flags.out()).isZero();
        assertThat(flags.out()).contains("B: no new messages since the last run; checking flags").contains("B: flags updated on 2 messages")
                .contains("A: flags updated on 1 messages").contains(" 0 messages copied");
        assertThat(Files.readString(tmp.resolve("oz.json"))).contains("\"flagsUpdated\":3");
        assertThat(MailboxComparison.compare(src, "oz", tgt, "oz2", Map.of("INBOX.A", "A", "INBOX.B", "B"))).isEmpty();
        assertThat(move(args("oz", "oz2", "--verbose")).out()).contains("A: nothing new since the last run")
                .contains("B: nothing new since the last run");
    }

    /**
     * A staged move: recent mail first (--maxage), big messages later (--maxsize); what a filter leaves out is
     * counted as excluded (exit 0), and the folder is not taken as complete, so the final run copies the rest.
     */
    @Test
    void filtersLeaveMessagesForALaterRun() throws Exception {
        String now = java.time.format.DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", java.util.Locale.ROOT)
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).minusDays(3));
        Random r = new Random(71);
        List<DovecotCorpus.Message> msgs = List.of(
                new DovecotCorpus.Message(DovecotCorpus.message(r, 1, 0).bytes(), List.of(), now),
                new DovecotCorpus.Message(DovecotCorpus.sizedMessage(r, 2, 200_000).bytes(), List.of("\\Seen"), now),
                new DovecotCorpus.Message(DovecotCorpus.message(r, 3, 0).bytes(), List.of(), "01-Jan-2015 10:00:00 +0000"),
                new DovecotCorpus.Message(DovecotCorpus.message(r, 4, 0).bytes(), List.of(), "01-Jan-2010 10:00:00 +0000"));
        DovecotCorpus.fill(src, "pia", List.of(new DovecotCorpus.Folder(List.of("S"), msgs)));

        Run recent = move(args("pia", "pia2", "--maxage", "30", "--maxsize", "100000", "--report", tmp.resolve("pia.json").toString()));
        assertThat(recent.code()).as(recent.out()).isZero();
        assertThat(recent.out()).contains(" 1 messages copied").contains("3 excluded by --maxsize/--maxage/--minage");
        assertThat(Files.readString(tmp.resolve("pia.json"))).contains("\"excluded\":3");
        Run old = move(args("pia", "pia2", "--minage", "30", "--verbose"));
        assertThat(old.code()).as(old.out()).isZero();
        assertThat(old.out()).contains(" 2 messages copied").doesNotContain("S: nothing new since the last run");
        Run rest = move(args("pia", "pia2", "--verbose"));
        assertThat(rest.out()).contains(" 1 messages copied").contains(" 3 already there");
        assertThat(MailboxComparison.compare(src, "pia", tgt, "pia2", Map.of("INBOX.S", "S"))).isEmpty();
        assertThat(move(args("pia", "pia2", "--verbose")).out()).contains("S: nothing new since the last run");
    }

    @Test
    void changedSourceUidValidityCausesNoDuplicates() throws Exception {
        Random r = new Random(51);
        DovecotCorpus.Message same = DovecotCorpus.message(r, 1, 5);
        List<DovecotCorpus.Message> msgs = new ArrayList<>(List.of(same, same, DovecotCorpus.message(r, 2, 0), DovecotCorpus.message(r, 3, 1)));
        DovecotCorpus.fill(src, "max", List.of(new DovecotCorpus.Folder(List.of("U"), msgs)));
        assertThat(move(args("max", "max2")).code()).isZero();
        try (DovecotImap s = new DovecotImap(src.host(), src.imapPort(), "max", "m")) {
            s.command("DELETE INBOX.U");
        }
        msgs.add(DovecotCorpus.message(r, 4, 0));
        DovecotCorpus.fill(src, "max", List.of(new DovecotCorpus.Folder(List.of("U"), msgs)));
        Run again = move(args("max", "max2", "--verbose"));
        assertThat(again.code()).as(again.out()).isZero();
        assertThat(again.out()).contains(" 1 messages copied").contains("UIDVALIDITY of INBOX.U changed");
        assertThat(MailboxComparison.compare(src, "max", tgt, "max2", Map.of("INBOX.U", "U"))).isEmpty();
    }

    @Test
    void sourceDroppingTheConnectionMidFetchIsReconnected() throws Exception {
        Random r = new Random(61);
        List<DovecotCorpus.Message> msgs = new ArrayList<>();
        for (int i = 0; i < 80; i++) msgs.add(DovecotCorpus.sizedMessage(r, i, 30_000));
        List<DovecotCorpus.Folder> corpus = List.of(new DovecotCorpus.Folder(List.of("INBOX"), msgs));
        DovecotCorpus.fill(src, "ned", corpus);
        try (DovecotDropProxy proxy = new DovecotDropProxy(src.host(), src.imapPort(), 400_000, 2)) {
            List<String> a = new ArrayList<>(List.of("--journal", tmp.resolve("journal").toString(), "--verbose", "--connections", "1",
                    proxy.address(), "ned", "n", tgt.imapAddress(), "ned2", "n"));
            Run run = move(a);
            assertThat(run.code()).as(run.out()).isZero();
            assertThat(proxy.dropped()).isEqualTo(2);
            assertThat(run.out()).contains("reconnecting").contains("80 messages copied");
        }
        assertThat(MailboxComparison.compare(src, "ned", tgt, "ned2", Map.of("INBOX", "INBOX"))).isEmpty();
    }
}
