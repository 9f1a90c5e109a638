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
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotServer;
import org.mailferry.testing.DovecotServer.Layout;

/** The seed's flags one by one: --source, --target, --list, --skipMailbox, --subscribed, --nosubscription, --delete, ACLs, exit codes. */
class MoveIMAPMailOptionsTest {
    static DovecotServer src, tgt;
    static final List<String> FOLDERS = List.of("Mail/a", "Mail/b", "Other", "Skip me", "Sub/x");

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        DovecotServer.Builder s = DovecotServer.builder().layout(Layout.MAILDIR_FS).acl(true).user("owner", "o").user("friend", "f");
        DovecotServer.Builder t = DovecotServer.builder().layout(Layout.MAILDIR_DOT).acl(true).user("friend", "f").user("boss", "b");
        for (String u : List.of("u1", "u2", "u3", "u4", "u5", "u6")) {
            s.user(u, "pw-" + u);
            t.user(u, "pw-" + u);
        }
        src = s.start();
        tgt = t.start();
    }

    @AfterAll
    static void stop() {
        if (src != null) src.close();
        if (tgt != null) tgt.close();
    }

    static void fill(String user) throws Exception {
        Random r = new Random(user.hashCode());
        List<DovecotCorpus.Folder> folders = new ArrayList<>();
        folders.add(new DovecotCorpus.Folder(List.of("INBOX"), List.of(DovecotCorpus.message(r, 1, 0))));
        for (String f : FOLDERS) {
            folders.add(new DovecotCorpus.Folder(List.of(f.split("/")), List.of(DovecotCorpus.message(r, 2, 1), DovecotCorpus.message(r, 3, 2))));
        }
        DovecotCorpus.fill(src, user, folders);
        try (DovecotImap c = new DovecotImap(src.host(), src.imapPort(), user, src.password(user))) {
            c.command("SUBSCRIBE INBOX");
            c.command("SUBSCRIBE \"Mail/a\"");
            c.command("SUBSCRIBE \"Other\"");
        }
    }

    record Run(int code, String out) { }

    Run move(String user, String... extra) {
        List<String> a = new ArrayList<>(List.of("--journal", tmp.resolve("journal").toString()));
        a.addAll(List.of(extra));
        a.addAll(List.of(src.imapAddress(), user, "pw-" + user, tgt.imapAddress(), user, "pw-" + user));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
        int code = MoveIMAPMail.run(a.toArray(String[]::new), ps, ps, null, null);
        return new Run(code, o.toString(StandardCharsets.UTF_8));
    }

    static List<String> targetFolders(String user) throws Exception {
        try (DovecotImap c = new DovecotImap(tgt.host(), tgt.imapPort(), user, "pw-" + user)) {
            return c.list();
        }
    }

    @Test
    void sourcePrefixCopiesASubtreeToTheTop() throws Exception {
        fill("u1");
        Run r = move("u1", "--source", "Mail/");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(targetFolders("u1")).containsExactlyInAnyOrder("INBOX", "INBOX.a", "INBOX.b");
        assertThat(MailboxComparison.compare(src, "u1", tgt, "u1", Map.of("Mail/a", "INBOX.a", "Mail/b", "INBOX.b"))).isEmpty();
    }

    @Test
    void targetPrefixListAndSkipMailbox() throws Exception {
        fill("u2");
        Run r = move("u2", "--target", "INBOX.Imported.", "--list", "*", "--skipMailbox", "Skip me", "--skipMailbox", "Sub/x");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(targetFolders("u2")).containsExactlyInAnyOrder("INBOX", "INBOX.Imported.INBOX", "INBOX.Imported.Mail.a",
                "INBOX.Imported.Mail.b", "INBOX.Imported.Other");
        fill("u3");
        Run l = move("u3", "--list", "Mail/*");
        assertThat(l.code()).as(l.out()).isZero();
        assertThat(targetFolders("u3")).containsExactlyInAnyOrder("INBOX", "INBOX.Mail.a", "INBOX.Mail.b");
    }

    @Test
    void subscribedOnlyAndSubscriptionList() throws Exception {
        fill("u4");
        Run r = move("u4", "--subscribed");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(targetFolders("u4")).containsExactlyInAnyOrder("INBOX", "INBOX.Mail.a", "INBOX.Other");
        try (DovecotImap c = new DovecotImap(tgt.host(), tgt.imapPort(), "u4", "pw-u4")) {
            assertThat(c.subscriptions()).containsExactlyInAnyOrder("INBOX", "INBOX.Mail.a", "INBOX.Other");
        }
        fill("u5");
        assertThat(move("u5", "--nosubscription").code()).isZero();
        try (DovecotImap c = new DovecotImap(tgt.host(), tgt.imapPort(), "u5", "pw-u5")) {
            assertThat(c.subscriptions()).isEmpty();
        }
    }

    @Test
    void deleteRemovesCopiedMessagesFromTheSource() throws Exception {
        fill("u6");
        Run r = move("u6", "--delete", "--verbose");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("11 messages copied");
        try (DovecotImap c = new DovecotImap(src.host(), src.imapPort(), "u6", "pw-u6")) {
            for (String f : c.list()) assertThat(c.messages(f)).as(f).isEmpty();
        }
        try (DovecotImap c = new DovecotImap(tgt.host(), tgt.imapPort(), "u6", "pw-u6")) {
            assertThat(c.messages("INBOX.Mail.b")).hasSize(2);
        }
    }

    @Test
    void aclsAreCopiedWhenBothServersHaveAcl() throws Exception {
        DovecotCorpus.fill(src, "owner", List.of(new DovecotCorpus.Folder(List.of("Shared"), List.of(DovecotCorpus.message(new Random(1), 1, 0)))));
        try (DovecotImap c = new DovecotImap(src.host(), src.imapPort(), "owner", "o")) {
            c.command("SETACL Shared friend lrs");
        }
        List<String> a = List.of("--journal", tmp.resolve("journal").toString(), src.imapAddress(), "owner", "o", tgt.imapAddress(), "boss", "b");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
        assertThat(MoveIMAPMail.run(a.toArray(String[]::new), ps, ps, null, null)).as(o.toString()).isZero();
        try (DovecotImap c = new DovecotImap(tgt.host(), tgt.imapPort(), "boss", "b")) {
            assertThat(c.acl("INBOX.Shared")).anySatisfy(acl -> assertThat(acl + " ").contains(" friend lrs "));
        }
    }

    @Test
    void exitCodesAndDryRun() throws Exception {
        assertThat(move("nobody-here").code()).isEqualTo(ExitCodes.LOGIN_SOURCE);
        List<String> a = List.of("--journal", tmp.resolve("j2").toString(), src.imapAddress(), "owner", "o", tgt.imapAddress(), "friend", "wrong");
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(MoveIMAPMail.run(a.toArray(String[]::new), sink, sink, null, null)).isEqualTo(ExitCodes.LOGIN_TARGET);
        int closed;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        a = List.of("127.0.0.1:" + closed, "owner", "o", tgt.imapAddress(), "friend", "f");
        assertThat(MoveIMAPMail.run(a.toArray(String[]::new), sink, sink, null, null)).isEqualTo(ExitCodes.CONNECT_SOURCE);
        a = List.of(src.imapAddress(), "owner", "o", "127.0.0.1:" + closed, "friend", "f");
        assertThat(MoveIMAPMail.run(a.toArray(String[]::new), sink, sink, null, null)).isEqualTo(ExitCodes.CONNECT_TARGET);
        a = List.of("--connections", "0", src.imapAddress(), "owner", "o", tgt.imapAddress(), "friend", "f");
        assertThat(MoveIMAPMail.run(a.toArray(String[]::new), sink, sink, null, null)).isEqualTo(ExitCodes.USAGE);
        fill("friend");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
        a = List.of("--journal", tmp.resolve("j3").toString(), "--dry-run", src.imapAddress(), "friend", "f", tgt.imapAddress(), "friend", "f");
        assertThat(MoveIMAPMail.run(a.toArray(String[]::new), ps, ps, null, null)).isZero();
        assertThat(o.toString(StandardCharsets.UTF_8)).contains("would copy Mail/a -> INBOX.Mail.a");
        assertThat(Files.exists(tmp.resolve("j3"))).isTrue();
    }
}
