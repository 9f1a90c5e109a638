package org.mailferry.store.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.store.AccountConfig;
import org.mailferry.store.AccountStore;
import org.mailferry.store.Flag;
import org.mailferry.store.MailStore;
import org.mailferry.store.MailboxInfo;
import org.mailferry.store.Mailbox;
import picocli.CommandLine;

class ImportCommandTest {
    @TempDir
    Path base;

    Path account(String name) throws Exception {
        Path d = base.resolve("Accounts").resolve(name + ".macnt");
        Files.createDirectories(d);
        Files.writeString(d.resolve("account.settings"), "{}");
        return d;
    }

    static int run(String... args) {
        return new CommandLine(new ImportCommand()).execute(args);
    }

    @Test
    void importsMboxFilesKeepingFlagsKeywordsAndDates() throws Exception {
        Path acct = account("alice");
        Path f = base.resolve("old.mbox");
        Files.writeString(f, """
                From a@x Sat Jan  3 01:05:34 1996
                Subject: one
                Status: RO
                X-Keywords: $Label1

                one
                >From here

                From b@x Sat Jan  3 01:05:35 1996
                Subject: two
                X-Status: F

                two
                """, StandardCharsets.ISO_8859_1);
        assertThat(run("mbox", "--base", base.toString(), "--account", "alice", "--mailbox", "Old/Mail",
                f.toString())).isZero();
        assertThat(run("mbox", "--base", base.toString(), "--account", "nobody", f.toString())).isEqualTo(2);
        try (MailStore s = new MailStore(); Mailbox m = s.account(acct, AccountConfig.DEFAULT).open("Old/Mail", true)) {
            assertThat(m.exists()).isEqualTo(2);
            assertThat(m.message(1).flags().has(Flag.SEEN)).isTrue();
            assertThat(m.message(1).flags().keywords()).containsExactly("$Label1");
            assertThat(m.message(2).flags().has(Flag.FLAGGED)).isTrue();
            assertThat(m.message(1).internalDate()).isEqualTo(java.time.LocalDateTime.of(1996, 1, 3, 1, 5, 34)
                    .atZone(java.time.ZoneId.systemDefault()).toInstant());
            try (var in = m.open(m.message(1).uid())) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).endsWith("one\nFrom here\n");
            }
        }
        assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).startsWith("From a@x Sat"); // source untouched
    }

    @Test
    void importsIntoTheStoreTheServerUsesForTheAccount() throws Exception {
        // a MailDirMailbox account (type in account.info) gets a MailDir INBOX; a Legacy INBOX account's INBOX
        // is the domain's LegacyINBOXPath; limits come from the effective settings (domain defaults too)
        Path dave = account("dave");
        Files.writeString(dave.resolve("account.info"), "{ Type = MailDirMailbox; }");
        Path carol = account("carol");
        Files.writeString(carol.resolve("account.settings"), "{ LegacyINBOX = YES; }");
        Path spool = base.resolve("var-mail");
        Files.createDirectories(spool);
        Files.writeString(base.resolve("Accounts/domain.settings"), "{ LegacyINBOXPath = \"" + spool + "/*\"; }");
        Files.writeString(base.resolve("Accounts/account.defaults"), "{ MaxMessageSize = 1K; }");
        Path f = base.resolve("old.mbox");
        Files.writeString(f, "From a@x Sat Jan  3 01:05:34 1996\nSubject: small\n\nsmall\n\n"
                + "From a@x Sat Jan  3 01:05:35 1996\nSubject: big\n\n" + "x".repeat(2000) + "\n",
                StandardCharsets.ISO_8859_1);
        assertThat(run("mbox", "--base", base.toString(), "--account", "dave", f.toString())).isEqualTo(1);
        assertThat(dave.resolve("INBOX.mdir")).isDirectory();
        assertThat(dave.resolve("INBOX.mbox")).doesNotExist();
        assertThat(run("mbox", "--base", base.toString(), "--account", "carol", f.toString())).isEqualTo(1);
        assertThat(carol.resolve("INBOX.mbox")).doesNotExist();
        assertThat(Files.readString(spool.resolve("carol"), StandardCharsets.ISO_8859_1)).contains("Subject: small")
                .doesNotContain("Subject: big"); // over the 1K MaxMessageSize of the domain's account defaults
    }

    @Test
    void accountSettingsMapToTheStoreConfiguration() {
        AccountConfig c = AccountConfig.fromSettings("TextMailbox", java.util.Map.of("LegacyINBOX", "yes",
                "MaxMessageSize", "10M", "MaxAccountSize", "unlimited", "MaxAccountMessages", "12x"), null, "eve");
        assertThat(c).isEqualTo(new AccountConfig(org.mailferry.store.MailboxFormat.MBOX, true,
                Path.of("/var/mail/eve"), 10L << 20, -1, -1));
        assertThat(AccountConfig.fromSettings(null, java.util.Map.of(), "/x/*", "eve").legacyInbox()).isNull();
    }

    @Test
    void importsMaildirPlusPlusTreesWithDovecotKeywords() throws Exception {
        Path acct = account("bob");
        Path md = base.resolve("Maildir");
        for (String d : new String[]{"cur", "new", "tmp", ".Lists.java/cur", ".Lists.java/new", ".Sent/cur"}) {
            Files.createDirectories(md.resolve(d));
        }
        Files.writeString(md.resolve("dovecot-keywords"), "0 $Junk\n1 Work\n");
        Files.writeString(md.resolve("cur/1000.M1P1.host:2,RSb"), "Subject: a\n\nA\n");
        Files.writeString(md.resolve("new/1001.M2P2.host"), "Subject: b\n\nB\n");
        Files.writeString(md.resolve(".Lists.java/cur/1002.M3P3.host:2,FT"), "Subject: c\n\nC\n");
        Files.writeString(md.resolve(".Sent/cur/1003.M4P4.host:2,S"), "Subject: d\n\nD\n");
        Files.setLastModifiedTime(md.resolve("cur/1000.M1P1.host:2,RSb"),
                FileTime.from(Instant.parse("2020-02-02T02:02:02Z")));
        assertThat(run("maildir", "--base", base.toString(), "--account", "bob", md.toString())).isZero();
        try (MailStore s = new MailStore()) {
            AccountStore a = s.account(acct, AccountConfig.DEFAULT);
            assertThat(a.list().stream().map(MailboxInfo::name)).contains("INBOX", "Lists/java", "Sent");
            try (Mailbox m = a.open("INBOX", true)) {
                assertThat(m.exists()).isEqualTo(2);
                assertThat(m.message(1).flags().system()).containsExactlyInAnyOrder(Flag.SEEN, Flag.ANSWERED);
                assertThat(m.message(1).flags().keywords()).containsExactly("Work");
                assertThat(m.message(1).internalDate()).isEqualTo(Instant.parse("2020-02-02T02:02:02Z"));
            }
            try (Mailbox m = a.open("Lists/java", true)) {
                assertThat(m.message(1).flags().system()).containsExactlyInAnyOrder(Flag.FLAGGED, Flag.DELETED);
            }
        }
    }
}
