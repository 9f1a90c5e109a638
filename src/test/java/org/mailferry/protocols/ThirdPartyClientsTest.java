package org.mailferry.protocols;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.access.Peers;
import org.mailferry.access.TestServer;
import org.mailferry.store.AccountStore;
import org.mailferry.store.AppendRequest;
import org.mailferry.store.Flag;
import org.mailferry.store.Mailbox;
import org.mailferry.store.MessageInfo;
import org.mailferry.store.MessageSource;

/**
 * Mail programs nobody here wrote, from Debian packages: swaks (SMTP with STARTTLS + AUTH, and a relay attempt
 * that must fail), mbsync (isync) syncing a whole account to a Maildir and back over IMAP with STARTTLS, and
 * fetchmail and getmail6 downloading over POP3.
 */
class ThirdPartyClientsTest {
    @TempDir
    Path dir;
    TestServer server;
    AccountStore alice;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.create(dir.resolve("base"));
        alice = server.access.store(server.directory.findAccount("alice").orElseThrow());
        List<AppendRequest> msgs = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            msgs.add(AppendRequest.of(MessageSource.ofBytes(("From: bob@example.test\r\nSubject: message " + i
                    + "\r\nMessage-ID: <m" + i + "@example.test>\r\n\r\nbody " + i + "\r\n").getBytes())));
        }
        alice.append("INBOX", msgs);
        alice.create("Archive/2023");
        alice.append("Archive/2023", List.of(AppendRequest.of(MessageSource.ofBytes(
                "Subject: old\r\n\r\nold mail\r\n".getBytes()))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<MessageInfo> messages(AccountStore store, String box) throws Exception {
        try (Mailbox m = store.open(box, true)) {
            return m.messages();
        }
    }

    @Test
    void swaksStartTlsAuthAndRelayRefusal() throws Exception {
        int port = server.smtp(false, false, "", null);
        Peers.Result ok = Peers.run(dir, List.of("swaks", "--server", "127.0.0.1:" + port, "--tls", "--auth", "PLAIN",
                "--auth-user", "bob", "--auth-password", "bob-pw", "--from", "bob@example.test", "--to",
                "alice@example.test", "--header", "Subject: via swaks"), 60);
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("250 2.0.0 Ok: queued as");
        assertThat(messages(alice, "INBOX")).hasSize(6);
        Peers.Result relay = Peers.run(dir, List.of("swaks", "--server", "127.0.0.1:" + port, "--tls", "--from",
                "spammer@outside.test", "--to", "victim@elsewhere.test"), 60);
        assertThat(relay.exit()).as(relay.output()).isNotZero();
        assertThat(relay.output()).contains("554 5.7.1 Relaying denied");
        Peers.Result cram = Peers.run(dir, List.of("swaks", "--server", "127.0.0.1:" + port, "--auth", "CRAM-MD5",
                "--auth-user", "alice", "--auth-password", "alice-pw", "--from", "alice@example.test", "--to",
                "bob@example.test"), 60);
        assertThat(cram.exit()).as(cram.output()).isZero();
        assertThat(cram.output()).contains("235 2.7.0 Authentication successful");
    }

    /** The self-signed certificate as PEM, for clients that verify (mbsync, fetchmail). */
    private Path certificatePem() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server.base.resolve("Settings/SelfSigned.p12"))) {
            ks.load(in, "mailferry".toCharArray());
        }
        Certificate c = ks.getCertificate(ks.aliases().nextElement());
        Path pem = dir.resolve("server.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        return pem;
    }

    @Test
    void mbsyncSyncsTheAccountDownAndBack() throws Exception {
        int port = server.imap();
        Path mail = dir.resolve("mail");
        Files.createDirectories(mail);
        Path cfg = dir.resolve("mbsyncrc");
        Files.writeString(cfg, """
                IMAPAccount mf
                Host localhost
                Port %d
                User alice
                Pass alice-pw
                SSLType STARTTLS
                CertificateFile %s

                IMAPStore remote
                Account mf

                MaildirStore local
                Path %s/
                Inbox %s/INBOX
                SubFolders Verbatim

                Channel all
                Far :remote:
                Near :local:
                Patterns *
                Create Both
                Expunge Both
                SyncState *
                """.formatted(port, certificatePem(), mail, mail));
        Peers.Result down = Peers.run(dir, List.of("mbsync", "-c", cfg.toString(), "-a"), 120);
        assertThat(down.exit()).as(down.output()).isZero();
        assertThat(files(mail.resolve("INBOX"))).hasSize(5);
        assertThat(files(mail.resolve("Archive/2023"))).hasSize(1);
        // locally: a new message, one message marked seen, one deleted
        Files.writeString(mail.resolve("INBOX/new/1700000000.1.local"), "Subject: written locally\n\nlocal\n");
        List<Path> inbox = files(mail.resolve("INBOX"));
        Path first = inbox.get(0);
        String name = first.getFileName().toString();
        Path seen = first.getParent().getParent().resolve("cur").resolve(name.contains(":2,") ? name + "S"
                : name + ":2,S");
        Files.move(first, seen);
        Files.delete(inbox.get(1));
        Files.createDirectories(mail.resolve("Local/cur"));
        Files.createDirectories(mail.resolve("Local/new"));
        Files.createDirectories(mail.resolve("Local/tmp"));
        Files.writeString(mail.resolve("Local/new/1700000001.2.local"), "Subject: new folder\n\nx\n");
        Peers.Result up = Peers.run(dir, List.of("mbsync", "-c", cfg.toString(), "-a"), 120);
        assertThat(up.exit()).as(up.output()).isZero();
        List<MessageInfo> box = messages(alice, "INBOX");
        assertThat(box).hasSize(5); // 5 - 1 deleted + 1 new
        assertThat(box.stream().filter(m -> m.flags().has(Flag.SEEN)).count()).isEqualTo(1);
        assertThat(messages(alice, "Local")).hasSize(1);
        Peers.Result again = Peers.run(dir, List.of("mbsync", "-c", cfg.toString(), "-a"), 120);
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(files(mail.resolve("INBOX"))).hasSize(5);
    }

    private static List<Path> files(Path maildir) throws Exception {
        List<Path> out = new ArrayList<>();
        for (String sub : new String[] {"cur", "new"}) {
            Path d = maildir.resolve(sub);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    out.addAll(s.sorted().toList());
                }
            }
        }
        return out;
    }

    @Test
    void fetchmailDownloadsOverPop3WithStls() throws Exception {
        int port = server.pop3();
        Path mbox = dir.resolve("fetched.mbox");
        Path rc = dir.resolve("fetchmailrc");
        Files.writeString(rc, """
                set no syslog
                poll 127.0.0.1 with protocol POP3 port %d uidl
                  user "alice" there with password "alice-pw" is "nobody" here
                  sslproto "TLS1.2+" sslcertck sslcertfile "%s" sslcommonname "localhost" keep
                  mda "/bin/sh -c 'cat >> %s'"
                """.formatted(port, certificatePem(), mbox));
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        Peers.Result r = Peers.run(dir, List.of("fetchmail", "-f", rc.toString(), "-i", dir.resolve("ids").toString(),
                "--nodetach", "-v"), 120);
        assertThat(r.exit()).as(r.output()).isZero();
        String got = Files.readString(mbox, StandardCharsets.UTF_8);
        for (int i = 1; i <= 5; i++) {
            assertThat(got).contains("Subject: message " + i);
        }
        assertThat(r.output()).contains("STLS");
        // the UIDL list fetchmail kept makes a second run fetch nothing
        Peers.Result again = Peers.run(dir, List.of("fetchmail", "-f", rc.toString(), "-i",
                dir.resolve("ids").toString(), "--nodetach"), 120);
        assertThat(again.exit()).as(again.output()).isEqualTo(1); // 1 = no new mail
        assertThat(messages(alice, "INBOX")).hasSize(5);
    }

    @Test
    void getmailDownloadsAndDeletesOverPop3s() throws Exception {
        int port = server.pop3s();
        Path maildir = dir.resolve("Maildir");
        boolean root = "root".equals(System.getProperty("user.name"));
        for (String sub : new String[] {"cur", "new", "tmp"}) {
            Files.createDirectories(maildir.resolve(sub));
            if (root) { // getmail refuses to deliver as root: it delivers as nobody
                Files.setPosixFilePermissions(maildir.resolve(sub), PosixFilePermissions.fromString("rwxrwxrwx"));
            }
        }
        if (root) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(maildir, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        Path gm = dir.resolve("getmail");
        Files.createDirectories(gm);
        Files.writeString(gm.resolve("getmailrc"), """
                [retriever]
                type = SimplePOP3SSLRetriever
                server = 127.0.0.1
                port = %d
                username = alice
                password = alice-pw

                [destination]
                type = Maildir
                path = %s/
                %s

                [options]
                delete = true
                read_all = false
                """.formatted(port, maildir, root ? "user = nobody" : ""));
        Peers.Result r = Peers.run(dir, List.of("getmail", "--getmaildir", gm.toString(), "--rcfile", "getmailrc"),
                120);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(files(maildir)).hasSize(5);
        assertThat(messages(alice, "INBOX")).isEmpty();
    }
}
