package org.mailferry.protocols;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.access.TestServer;
import org.mailferry.migrate.MoveIMAPMail;
import org.mailferry.migrate.MovePOPMail;
import org.mailferry.store.Mailbox;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotServer;

/**
 * The seed's movers with Mailferry as the new server: MoveIMAPMail copies a pathological Dovecot account into our
 * IMAP server and its --verify pass finds nothing different (folders, flags, keywords, dates, bytes); MovePOPMail
 * submits a POP3 maildrop to our SMTP server.
 */
class MoversIntoMailferryTest {
    @TempDir
    Path dir;

    private record Run(int code, String out) {
    }

    private Run run(boolean imap, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
        String[] all = new String[args.length + 2];
        all[0] = "--journal";
        all[1] = dir.resolve("journal").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = imap ? MoveIMAPMail.run(all, ps, ps, null, null) : MovePOPMail.run(all, ps, ps, null);
        return new Run(code, o.toString(StandardCharsets.UTF_8));
    }

    @Test
    void moveImapMailIntoMailferryVerifies() throws Exception {
        List<DovecotCorpus.Folder> corpus = DovecotCorpus.pathological(21, '.');
        try (DovecotServer old = DovecotServer.builder().layout(DovecotServer.Layout.MAILDIR_DOT)
                .user("alice", "old-pw").pop3(false).start();
             TestServer server = TestServer.create(dir.resolve("base"))) {
            DovecotCorpus.fill(old, "alice", corpus);
            int port = server.imap();
            Run first = run(true, "--verify", old.imapAddress(), "alice", "old-pw", "127.0.0.1:" + port, "alice",
                    "alice-pw");
            assertThat(first.code()).as(first.out()).isZero();
            Run again = run(true, "--verify", old.imapAddress(), "alice", "old-pw", "127.0.0.1:" + port, "alice",
                    "alice-pw");
            assertThat(again.code()).as(again.out()).isZero();
            long total = corpus.stream().mapToLong(f -> f.messages().size()).sum();
            long stored = 0;
            var store = server.access.store(server.directory.findAccount("alice").orElseThrow());
            for (var info : store.list()) {
                if (info.selectable()) {
                    try (Mailbox m = store.open(info.name(), true)) {
                        stored += m.exists();
                    }
                }
            }
            assertThat(stored).as("messages in Mailferry after two runs").isEqualTo(total);
        }
    }

    @Test
    void movePopMailIntoMailferrySmtp() throws Exception {
        List<DovecotCorpus.Folder> corpus = DovecotCorpus.pathological(7, '.');
        DovecotCorpus.Folder inbox = corpus.stream().filter(DovecotCorpus.Folder::isInbox).findFirst().orElseThrow();
        try (DovecotServer old = DovecotServer.builder().layout(DovecotServer.Layout.MAILDIR_DOT)
                .user("bob", "old-pw").start();
             TestServer server = TestServer.create(dir.resolve("base"))) {
            DovecotCorpus.fill(old, "bob", List.of(inbox));
            int smtp = server.smtp(false, false, "", null);
            Run r = run(false, old.pop3Address(), "bob", "old-pw", "127.0.0.1:" + smtp, "bob@example.test");
            assertThat(r.code()).as(r.out()).isZero();
            try (Mailbox m = server.access.store(server.directory.findAccount("bob").orElseThrow())
                    .open("INBOX", true)) {
                assertThat(m.exists()).isEqualTo(inbox.messages().size());
            }
        }
    }
}
