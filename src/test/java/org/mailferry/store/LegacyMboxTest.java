package org.mailferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.store.engine.Anomalies;

/** Legacy mbox files opened in place: metadata headers, stable UIDs, odd input, and legacy readers. */
class LegacyMboxTest {
    @TempDir
    Path tmp;

    static final String CCLIENT = """
            From MAILER-DAEMON Wed Mar 13 10:29:16 2002
            Date: 13 Mar 2002 10:29:16 +0000
            From: Mail System Internal Data <MAILER-DAEMON@host>
            Subject: DON'T DELETE THIS MESSAGE -- FOLDER INTERNAL DATA
            X-IMAP: 1015999756 0000000012 $Junk
            Status: RO

            This text is part of the internal format of your mail folder.

            From alice@example.com Wed Mar 13 10:30:00 2002
            Subject: one
            Status: RO
            X-Status: AF
            X-Keywords: $Junk
            X-UID: 7

            first
            >From quoted

            From bob@example.com  Thu Mar 14 11:00:00 2002
            Subject: two
            X-UID: 11

            second

            """;

    AccountStore legacy(MailStore s, Path file) throws IOException {
        return s.account(tmp.resolve("acct.macnt"), AccountConfig.DEFAULT.withLegacyInbox(file));
    }

    static String read(Mailbox m, int msn) throws IOException {
        try (InputStream in = m.open(m.message(msn).uid())) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void cClientMetadataGivesFlagsUidsAndUidValidity() throws IOException {
        Path f = tmp.resolve("inbox");
        Files.writeString(f, CCLIENT, StandardCharsets.ISO_8859_1);
        try (MailStore s = new MailStore(); Mailbox m = legacy(s, f).open("INBOX", false)) {
            assertThat(m.uidValidity()).isEqualTo(1015999756L);
            assertThat(m.exists()).isEqualTo(2);
            assertThat(m.message(1).uid()).isEqualTo(7);
            assertThat(m.message(2).uid()).isEqualTo(11);
            assertThat(m.uidNext()).isEqualTo(13);
            assertThat(m.message(1).flags().system()).containsExactlyInAnyOrder(Flag.SEEN, Flag.ANSWERED,
                    Flag.FLAGGED);
            assertThat(m.message(1).flags().keywords()).containsExactly("$Junk");
            assertThat(read(m, 1)).endsWith("\nfirst\nFrom quoted\n");
            assertThat(read(m, 2)).isEqualTo("Subject: two\nX-UID: 11\n\nsecond\n");
        }
    }

    @Test
    void uidsStayTheSameAcrossRestartsAndAppendsByOtherPrograms() throws IOException {
        Path f = tmp.resolve("inbox");
        Files.writeString(f, """
                From a@x Sat Jan  3 01:05:34 1996
                Subject: 1

                one

                From b@x Sat Jan  3 01:05:35 1996
                Subject: 2

                two
                """, StandardCharsets.ISO_8859_1);
        long u1;
        long u2;
        long uv;
        try (MailStore s = new MailStore(); Mailbox m = legacy(s, f).open("INBOX", false)) {
            u1 = m.message(1).uid();
            u2 = m.message(2).uid();
            uv = m.uidValidity();
            m.store(List.of(u2), FlagOp.ADD, Flags.of(Flag.SEEN), -1);
        }
        // another program appends, the way procmail does
        Files.writeString(f, "\nFrom c@x Sat Jan  3 01:05:36 1996\nSubject: 3\n\nthree\n", StandardCharsets.ISO_8859_1,
                StandardOpenOption.APPEND);
        try (MailStore s = new MailStore(); Mailbox m = legacy(s, f).open("INBOX", false)) {
            assertThat(m.uidValidity()).isEqualTo(uv);
            assertThat(m.exists()).isEqualTo(3);
            assertThat(m.message(1).uid()).isEqualTo(u1);
            assertThat(m.message(2).uid()).isEqualTo(u2);
            assertThat(m.message(2).flags().has(Flag.SEEN)).isTrue();
            assertThat(m.message(3).uid()).isGreaterThan(u2);
            assertThat(read(m, 2)).isEqualTo("Subject: 2\n\ntwo\n");
            assertThat(read(m, 3)).isEqualTo("Subject: 3\n\nthree\n");
        }
        // a legacy program rewrites the file (deletes message 1): the others keep their UIDs
        String all = Files.readString(f, StandardCharsets.ISO_8859_1);
        Files.writeString(f, all.substring(all.indexOf("From b@x")), StandardCharsets.ISO_8859_1);
        try (MailStore s = new MailStore(); Mailbox m = legacy(s, f).open("INBOX", false)) {
            assertThat(m.uidValidity()).isEqualTo(uv);
            assertThat(m.exists()).isEqualTo(2);
            assertThat(m.message(1).uid()).isEqualTo(u2);
            assertThat(m.message(1).flags().has(Flag.SEEN)).isTrue();
        }
    }

    @Test
    void sessionsNoticeAppendsByOtherProgramsWhenTheyPoll() throws IOException {
        Path f = tmp.resolve("inbox");
        Files.writeString(f, "From a@x Sat Jan  3 01:05:34 1996\n\none\n", StandardCharsets.ISO_8859_1);
        try (MailStore s = new MailStore(); Mailbox m = legacy(s, f).open("INBOX", false)) {
            assertThat(m.exists()).isEqualTo(1);
            Files.writeString(f, "\nFrom c@x Sat Jan  3 01:05:36 1996\n\nthree\n", StandardCharsets.ISO_8859_1,
                    StandardOpenOption.APPEND);
            assertThat(m.poll()).contains(new MailboxEvent.Exists(2));
            assertThat(read(m, 2)).isEqualTo("\nthree\n");
        }
    }

    @Test
    void oddFilesOpenWithNothingDroppedAndEachOddityReported() throws IOException {
        String longLine = "x".repeat(100_000);
        String odd = "garbage before\nthe first From line\n\n"
                + "From a@x Mon Feb 30 25:61:00 1996\r\nSubject: crlf\r\n\r\nbody\r\n\r\n"
                + "From b@x Sat Jan  3 01:05:34 1996\nSubject: nul\n\nhas \0 nul\n" + longLine + "\n\n"
                + "From c(S____-99-500) Sat Jan  3 01:05:34 1996\nSubject: truncated\n\ncut he";
        Path f = tmp.resolve("odd.mbox");
        Files.writeString(f, odd, StandardCharsets.ISO_8859_1);
        Anomalies[] seen = new Anomalies[1];
        org.mailferry.store.mbox.MboxBackend b = new org.mailferry.store.mbox.MboxBackend(f, tmp.resolve("redo"),
                false, StoreSettings.DEFAULT, file -> seen[0] = new Anomalies(file));
        var scan = b.scan(new org.mailferry.store.engine.Backend.Known(List.of(),
                org.mailferry.store.engine.Fs.Stamp.NONE, 0));
        b.close();
        Map<String, Integer> c = seen[0].counts();
        assertThat(c).containsKeys("text before the first From_ line", "From_ line without a valid date",
                "NUL byte", "line longer than 998 bytes", "truncated message", "no newline at the end of the file");
        // our last message is shorter than its From_ line says: an append cut short, never acknowledged; it is
        // taken out of the mailbox and kept beside it, and every other byte is in some message
        assertThat(scan.entries()).hasSize(3);
        assertThat(Files.readString(tmp.resolve("redo.torn"), StandardCharsets.ISO_8859_1))
                .isEqualTo("From c(S____-99-500) Sat Jan  3 01:05:34 1996\nSubject: truncated\n\ncut he");
        try (MailStore s = new MailStore(); Mailbox m = legacy(s, f).open("INBOX", false)) {
            assertThat(m.exists()).isEqualTo(3);
            assertThat(read(m, 1)).isEqualTo("garbage before\nthe first From line\n");
            assertThat(read(m, 2)).isEqualTo("Subject: crlf\r\n\r\nbody\r\n");
            assertThat(read(m, 3)).contains("has \0 nul").contains(longLine);
            long appended = m.append(List.of(AppendRequest.of(MessageSource.ofBytes("Subject: new\n\nok\n".getBytes(
                    StandardCharsets.ISO_8859_1))))).uids().get(0);
            m.poll();
            assertThat(read(m, 4)).isEqualTo("Subject: new\n\nok\n");
            assertThat(m.message(4).uid()).isEqualTo(appended);
        }
    }

    @Test
    void coldOpenOfAnUnchangedMailboxUsesTheIndex() throws IOException {
        Path acct = tmp.resolve("a.macnt");
        try (MailStore s = new MailStore()) {
            AccountStore a = s.account(acct, AccountConfig.DEFAULT);
            for (int i = 0; i < 50; i++) {
                a.append("INBOX", List.of(AppendRequest.of(MessageSource.ofBytes(("m" + i + "\n").getBytes()))));
            }
        }
        Path idx = acct.resolve("INBOX.mbox.mfidx");
        assertThat(idx).exists();
        long before = Files.getLastModifiedTime(idx).toMillis();
        // corrupt the mailbox bytes without changing its stamp would be undetectable; instead make the index lie
        // about one flag and check that an unchanged mailbox trusts it (no rescan) ...
        try (MailStore s = new MailStore()) {
            assertThat(s.account(acct, AccountConfig.DEFAULT).status("INBOX").messages()).isEqualTo(50);
        }
        assertThat(Files.getLastModifiedTime(idx).toMillis()).isEqualTo(before);
        // ... and that a changed mailbox (touched) is read again and the index rewritten
        Files.setLastModifiedTime(acct.resolve("INBOX.mbox"),
                java.nio.file.attribute.FileTime.from(System.currentTimeMillis() + 5000, TimeUnit.MILLISECONDS));
        try (MailStore s = new MailStore()) {
            assertThat(s.account(acct, AccountConfig.DEFAULT).status("INBOX").messages()).isEqualTo(50);
        }
        assertThat(IndexTouched.changed(idx, before)).isTrue();
    }

    static final class IndexTouched {
        static boolean changed(Path p, long before) throws IOException {
            return Files.getLastModifiedTime(p).toMillis() != before;
        }
    }
}
