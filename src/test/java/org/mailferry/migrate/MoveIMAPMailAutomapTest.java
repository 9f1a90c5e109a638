package org.mailferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * --automap: an Exchange-style source ("Sent Items" marked \Sent, "Deleted Items" and "Junk E-mail" known by
 * name, and a stray "Sent") into a Dovecot whose special folders are Sent, Trash, Junk: each special folder
 * lands in the target's, the two sent folders together, the rest under their own names; without the option
 * every folder keeps its name.
 */
class MoveIMAPMailAutomapTest {
    // The runs use one connection: Dovecot 2.3's special_use folders with auto = create race when several
    // sessions of one user open them at once (a SELECT answered NO [ALREADYEXISTS], a session dropped), which
    // is the server's quirk, not what this test is about.
    static DovecotServer src, tgt;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        src = DovecotServer.builder().layout(Layout.MAILDIR_DOT).user("ex", "e").user("fx", "f").specialUse("Sent Items", "\\Sent", false)
                .specialUse("Old Mail", "\\Archive", false).start();
        tgt = DovecotServer.builder().layout(Layout.MAILDIR_FS).user("auto", "a").user("plain", "p").user("mapped", "m")
                .specialUse("Sent", "\\Sent", true).specialUse("Trash", "\\Trash", true).specialUse("Junk", "\\Junk", true)
                .specialUse("Drafts", "\\Drafts", true).specialUse("Archive", "\\Archive", true).start();
    }

    @AfterAll
    static void stop() {
        if (src != null) src.close();
        if (tgt != null) tgt.close();
    }

    static List<DovecotCorpus.Message> some(Random r, int n, int from) {
        List<DovecotCorpus.Message> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(DovecotCorpus.message(r, from + i, i % 9));
        return out;
    }

    @Test
    void specialFoldersLandInTheTargetsOnes() throws Exception {
        Random r = new Random(3);
        Map<String, List<DovecotCorpus.Message>> folders = Map.of("Sent Items", some(r, 5, 0), "Sent", some(r, 2, 10),
                "Deleted Items", some(r, 3, 20), "Junk E-mail", some(r, 2, 30), "Projects", some(r, 4, 40), "Old Mail", some(r, 2, 50));
        List<DovecotCorpus.Folder> corpus = new ArrayList<>();
        folders.forEach((name, msgs) -> corpus.add(new DovecotCorpus.Folder(List.of(name), msgs)));
        DovecotCorpus.fill(src, "ex", corpus);

        MoverRun r1 = MoverRun.imap(tmp.resolve("j"), "--automap", "--connections", "1", src.imapAddress(), "ex", "e", tgt.imapAddress(), "auto", "a");
        assertThat(r1.code()).as(r1.out()).isZero();
        assertThat(r1.out()).contains("Sent Items: \\Sent, copied into Sent (--automap)")
                .contains("Deleted Items: \\Trash, copied into Trash (--automap)")
                .contains("Junk E-mail: \\Junk, copied into Junk (--automap)")
                .contains("Old Mail: \\Archive, copied into Archive (--automap)"); // by the source's LIST attribute, not its name
        try (DovecotImap s = new DovecotImap(src.host(), src.imapPort(), "ex", "e");
             DovecotImap t = new DovecotImap(tgt.host(), tgt.imapPort(), "auto", "a")) {
            assertThat(t.list()).doesNotContain("Sent Items", "Deleted Items", "Junk E-mail").contains("Projects");
            List<String> sent = new ArrayList<>();
            for (String f : List.of("INBOX.Sent Items", "INBOX.Sent")) s.messages(f).forEach(m -> sent.add(m.sha256()));
            assertThat(t.messages("Sent").stream().map(DovecotImap.Msg::sha256).toList()).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(hashes(t.messages("Trash"))).isEqualTo(hashes(s.messages("INBOX.Deleted Items")));
            assertThat(hashes(t.messages("Junk"))).isEqualTo(hashes(s.messages("INBOX.Junk E-mail")));
            assertThat(hashes(t.messages("Archive"))).isEqualTo(hashes(s.messages("INBOX.Old Mail")));
        }
        assertThat(MailboxComparison.compare(src, "ex", tgt, "auto", Map.of("INBOX.Projects", "Projects"))).isEmpty();

        // a rerun copies nothing twice, also into the folder two sources share
        MoverRun again = MoverRun.imap(tmp.resolve("j"), "--automap", "--connections", "1", src.imapAddress(), "ex", "e", tgt.imapAddress(), "auto", "a");
        assertThat(again.out()).contains(" 0 messages copied");
        try (DovecotImap t = new DovecotImap(tgt.host(), tgt.imapPort(), "auto", "a")) {
            assertThat(t.messages("Sent")).hasSize(7);
        }

        // without --automap every folder keeps its name (the seed's behaviour)
        MoverRun plain = MoverRun.imap(tmp.resolve("j"), src.imapAddress(), "ex", "e", tgt.imapAddress(), "plain", "p");
        assertThat(plain.code()).as(plain.out()).isZero();
        try (DovecotImap t = new DovecotImap(tgt.host(), tgt.imapPort(), "plain", "p")) {
            assertThat(t.list()).contains("Sent Items", "Deleted Items", "Junk E-mail", "Sent", "Trash");
            assertThat(t.messages("Sent Items")).hasSize(5);
            assertThat(t.messages("Trash")).isEmpty();
        }
    }

    /** --exclude by regular expression and --map by name, which wins over the other rules and may merge folders. */
    @Test
    void excludeAndMap() throws Exception {
        Random r = new Random(4);
        DovecotCorpus.fill(src, "fx", List.of(new DovecotCorpus.Folder(List.of("Projects"), some(r, 2, 0)),
                new DovecotCorpus.Folder(List.of("Public", "Shared"), some(r, 2, 10)), new DovecotCorpus.Folder(List.of("Archives"), some(r, 3, 20)),
                new DovecotCorpus.Folder(List.of("Old Archives"), some(r, 1, 30))));
        MoverRun run = MoverRun.imap(tmp.resolve("j2"), "--connections", "1", "--exclude", "\\.Public(\\.|$)", "--map", "INBOX.Archives=Archive/Old",
                "--map", "INBOX.Old Archives=Archive/Old", "--map", "INBOX.Nowhere=X", src.imapAddress(), "fx", "f", tgt.imapAddress(), "mapped", "m");
        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).contains("INBOX.Public.Shared: skipped (--exclude").contains("INBOX.Archives: copied into Archive/Old (--map)")
                .contains("--map INBOX.Nowhere=...: the source lists no folder of that name");
        try (DovecotImap t = new DovecotImap(tgt.host(), tgt.imapPort(), "mapped", "m")) {
            assertThat(t.list()).contains("Projects", "Archive/Old").doesNotContain("Archives", "Old Archives", "Public/Shared", "Public");
            assertThat(t.messages("Archive/Old")).hasSize(4);
        }
        MoverRun bad = MoverRun.imap(tmp.resolve("j2"), "--connections", "1", "--exclude", "([", src.imapAddress(), "fx", "f", tgt.imapAddress(), "mapped", "m");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.out()).contains("--exclude '([': not a regular expression");
    }

    static List<String> hashes(List<DovecotImap.Msg> msgs) {
        return msgs.stream().map(DovecotImap.Msg::sha256).sorted().toList();
    }
}
