package org.mailferry.store.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.store.AccountConfig;
import org.mailferry.store.AccountStore;
import org.mailferry.store.MailStore;
import org.mailferry.store.Mailbox;
import org.mailferry.store.MessageInfo;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotServer;
import picocli.CommandLine;

/**
 * Imports what a real Dovecot wrote — a Maildir++ tree with {@code dovecot-uidlist}, an mbox with
 * {@code X-IMAPbase}/{@code X-UID} — and checks that every message keeps its UID and each mailbox its
 * UIDVALIDITY (issue 3 §6), with gaps in the UIDs from expunges; a second import into the same mailbox gets
 * new UIDs and says so.
 */
class DovecotImportTest {
    @TempDir
    Path base;

    record Source(long uidValidity, List<DovecotImap.Msg> messages) {
    }

    /** Fills a Dovecot mailbox, expunges every third message (UID gaps), and reads back what it has. */
    static Source fill(DovecotServer d, String name, int seed) throws IOException {
        Random r = new Random(seed);
        List<DovecotCorpus.Message> msgs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            msgs.add(DovecotCorpus.message(r, seed * 100 + i, i % 9));
        }
        try (DovecotImap c = new DovecotImap(d.host(), d.imapPort(), "u", "pw")) {
            if (!name.equals("INBOX")) {
                c.create(name);
            }
            c.appendAll(name, msgs);
            c.command("SELECT " + name);
            c.command("UID STORE 1:* -FLAGS.SILENT (\\Deleted)");
            c.command("STORE 3,6,9 +FLAGS.SILENT (\\Deleted)");
            c.command("EXPUNGE");
            long v = 0;
            for (byte[] l : c.command("EXAMINE " + name)) {
                Matcher m = Pattern.compile("UIDVALIDITY (\\d+)").matcher(new String(l, StandardCharsets.US_ASCII));
                if (m.find()) {
                    v = Long.parseLong(m.group(1));
                }
            }
            return new Source(v, c.messages(name));
        }
    }

    Path account(String name) throws IOException {
        Path a = base.resolve("Accounts").resolve(name + ".macnt");
        Files.createDirectories(a);
        Files.writeString(a.resolve("account.settings"), "{}");
        return a;
    }

    static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(new CommandLine(new ImportCommand()).execute(args)).as(String.join(" ", args)).isZero();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static byte[] crlf(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + b.length / 20);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n' && (i == 0 || b[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(b[i]);
        }
        return out.toByteArray();
    }

    static void assertKept(AccountStore a, String mailbox, Source src) throws IOException {
        try (Mailbox m = a.open(mailbox, true)) {
            assertThat(m.uidValidity()).as(mailbox + " UIDVALIDITY").isEqualTo(src.uidValidity());
            assertThat(m.messages()).extracting(MessageInfo::uid).as(mailbox + " UIDs")
                    .containsExactlyElementsOf(src.messages().stream().map(DovecotImap.Msg::uid).toList());
            for (DovecotImap.Msg s : src.messages()) {
                java.util.Set<String> flags = new java.util.TreeSet<>(m.message(m.msn(s.uid())).flags().keywords());
                m.message(m.msn(s.uid())).flags().system().forEach(f -> flags.add(f.imapName()));
                assertThat(flags).as(mailbox + " UID " + s.uid() + " flags").isEqualTo(s.flags());
                try (InputStream in = m.open(s.uid())) {
                    // Dovecot keeps LF on disk and sends CRLF; its mbox state headers are not content
                    assertThat(DovecotImap.sha256(crlf(in.readAllBytes()))).as(mailbox + " UID " + s.uid())
                            .isEqualTo(s.sha256());
                }
            }
        }
    }

    @Test
    void aDovecotMaildirTreeKeepsItsUidsAndUidValidities() throws Exception {
        Source inbox;
        Source work;
        try (DovecotServer d = DovecotServer.builder().layout(DovecotServer.Layout.MAILDIR_DOT).pop3(false)
                .user("u", "pw").start()) {
            inbox = fill(d, "INBOX", 1);
            work = fill(d, "INBOX.Work", 2);
            Path acct = account("alice");
            String out = run("maildir", "--base", base.toString(), "--account", "alice",
                    d.home("u").resolve("Maildir").toString());
            assertThat(out).contains("INBOX: 9 messages, UIDVALIDITY " + inbox.uidValidity() + " and UIDs kept");
            try (MailStore s = new MailStore()) {
                AccountStore a = s.account(acct, AccountConfig.DEFAULT);
                assertKept(a, "INBOX", inbox);
                assertKept(a, "Work", work);
            }
            // the mailboxes are not empty now: a second import appends with new UIDs, and says so
            out = run("maildir", "--base", base.toString(), "--account", "alice",
                    d.home("u").resolve("Maildir").toString());
            assertThat(out).contains("INBOX: 9 messages, new UIDs (the mailbox already held messages)");
            try (MailStore s = new MailStore(); Mailbox m = s.account(acct, AccountConfig.DEFAULT).open("INBOX", true)) {
                assertThat(m.exists()).isEqualTo(18);
                assertThat(m.message(10).uid()).isGreaterThan(inbox.messages().getLast().uid());
            }
        }
    }

    @Test
    void aDovecotMboxKeepsItsUidsAndUidValidity() throws Exception {
        try (DovecotServer d = DovecotServer.builder().layout(DovecotServer.Layout.MBOX).pop3(false)
                .user("u", "pw").start()) {
            Source inbox = fill(d, "INBOX", 3);
            Path file = d.home("u").resolve("mail/inbox");
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).contains("X-IMAPbase: ", "X-UID: ");
            Path acct = account("bob");
            String out = run("mbox", "--base", base.toString(), "--account", "bob", "--mailbox", "Old",
                    file.toString());
            assertThat(out).contains("9 messages, UIDVALIDITY " + inbox.uidValidity() + " and UIDs kept");
            try (MailStore s = new MailStore()) {
                assertKept(s.account(acct, AccountConfig.DEFAULT), "Old", inbox);
            }
        }
    }
}
