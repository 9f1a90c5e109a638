package org.mailferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotServer;
import org.mailferry.testing.DovecotServer.Layout;

/** MoveIMAPMail between two private Dovecots with different hierarchy separators, checked by {@link MailboxComparison}. */
class MoveIMAPMailTest {
    static DovecotServer dot, slash;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        dot = DovecotServer.builder().layout(Layout.MAILDIR_DOT).acl(true)
                .user("alice", "a&b \"q\"").user("bob", "pw-b").user("carol", "pw-c").user("dan", "pw-d").start();
        slash = DovecotServer.builder().layout(Layout.MAILDIR_FS).acl(true)
                .user("alice2", "x").user("bob2", "y").user("carol2", "z").user("dan2", "w").start();
    }

    @AfterAll
    static void stop() {
        if (dot != null) dot.close();
        if (slash != null) slash.close();
    }

    record Run(int code, String out, String err) { }

    Run move(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        List<String> a = new ArrayList<>(List.of("--journal", tmp.resolve("journal").toString()));
        a.addAll(List.of(args));
        int code = MoveIMAPMail.run(a.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), null, null);
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static Map<String, String> pairs(List<DovecotCorpus.Folder> corpus, Layout from, Layout to) {
        Map<String, String> m = new LinkedHashMap<>();
        for (DovecotCorpus.Folder f : corpus) m.put(DovecotCorpus.name(f, from), MailboxComparison.expectedName(f.path(), from, to));
        return m;
    }

    @Test
    void dotToSlashCopiesEverythingAndRerunAddsNothing() throws Exception {
        List<DovecotCorpus.Folder> corpus = DovecotCorpus.pathological(21, '.');
        DovecotCorpus.fill(dot, "alice", corpus);
        Run r = move("--verbose", dot.imapAddress(), "alice", "a&b \"q\"", slash.imapAddress(), "alice2", "x");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        Map<String, String> pairs = pairs(corpus, Layout.MAILDIR_DOT, Layout.MAILDIR_FS);
        assertThat(MailboxComparison.compare(dot, "alice", slash, "alice2", pairs)).isEmpty();

        Run again = move("--verify", dot.imapAddress(), "alice", "a&b \"q\"", slash.imapAddress(), "alice2", "x");
                assertThat(again.code()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains(" 0 messages copied").contains("verify: source and target match");
        assertThat(MailboxComparison.compare(dot, "alice", slash, "alice2", pairs)).isEmpty();
    }
}
