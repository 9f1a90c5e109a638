package org.mailferry.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.access.Peers;
import org.mailferry.access.TestServer;
import org.mailferry.store.Mailbox;
import org.mailferry.store.MessageInfo;
import org.mailferry.testing.SmtpSinkServer;

/** Python's smtplib against our SMTP server: local delivery, aliases, relay control, STARTTLS + AUTH relaying. */
class SmtpPythonTest {
    @TempDir
    Path dir;
    TestServer server;
    SmtpSinkServer sink;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.create(dir.resolve("base"));
        sink = SmtpSinkServer.start();
        server.directory.mainDomain().createForwarder("fwd", "someone@remote.test");
        server.directory.mainDomain().createGroup("team", java.util.Map.of("Members", List.of("alice", "bob",
                "ext@remote.test")));
    }

    @AfterEach
    void stop() {
        server.close();
        sink.close();
    }

    static List<String> inbox(TestServer s, String account) throws Exception {
        try (Mailbox box = s.access.store(s.directory.findAccount(account).orElseThrow()).open("INBOX", true)) {
            List<String> out = new java.util.ArrayList<>();
            for (MessageInfo m : box.messages()) {
                try (InputStream in = box.open(m.uid())) {
                    out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return out;
        }
    }

    static void await(java.util.function.BooleanSupplier cond) throws InterruptedException {
        // long enough for the queue's first retry (one minute) when a loaded machine makes the first attempt fail
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting");
            }
            Thread.sleep(50);
        }
    }

    @Test
    void inboundDeliversLocallyAndRefusesRelaying() throws Exception {
        int port = server.smtp(false, false, "", "127.0.0.1:" + sink.port());
        String out = Peers.python(dir, """
                import smtplib, sys
                s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]))
                code, _ = s.ehlo('client.test')
                assert code == 250 and s.has_extn('pipelining') and s.has_extn('chunking') and s.has_extn('dsn')
                msg = b'From: x@outside.test\\r\\nSubject: hi\\r\\n\\r\\n.leading dot\\r\\nbody\\r\\n'
                refused = s.sendmail('x@outside.test', ['alice@example.test', 'al@example.test', 'team@example.test'], msg)
                assert refused == {}, refused
                try:
                    s.sendmail('x@outside.test', ['nobody@example.test'], msg); raise SystemExit('unknown accepted')
                except smtplib.SMTPRecipientsRefused as e:
                    code, text = e.recipients['nobody@example.test']
                    assert code == 550 and text.startswith(b'5.1.1'), e.recipients
                try:
                    s.sendmail('x@outside.test', ['victim@elsewhere.test'], msg); raise SystemExit('open relay')
                except smtplib.SMTPRecipientsRefused as e:
                    code, text = e.recipients['victim@elsewhere.test']
                    assert code == 554 and b'5.7.1' in text, e.recipients
                s.quit()
                print('ok')
                """, port);
        assertThat(out).contains("ok");
        List<String> alice = inbox(server, "alice");
        assertThat(alice).hasSize(1); // alice, her alias and the group: one copy
        assertThat(alice.get(0)).startsWith("Received: from client.test ([127.0.0.1])")
                .contains("with ESMTP id").endsWith("Subject: hi\r\n\r\n.leading dot\r\nbody\r\n");
        assertThat(inbox(server, "bob")).hasSize(1);
        await(() -> {
            try {
                return sink.received().size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(sink.received().get(0).recipients()).containsExactly("<ext@remote.test>");
    }

    @Test
    void submissionWithStartTlsAndAuthRelays() throws Exception {
        int port = server.smtp(true, false, "", "127.0.0.1:" + sink.port());
        String out = Peers.python(dir, """
                import smtplib, ssl, sys
                ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]))
                s.ehlo('client.test')
                try:
                    s.sendmail('bob@example.test', ['friend@remote.test'], b'Subject: x\\r\\n\\r\\nx\\r\\n')
                    raise SystemExit('submission without AUTH accepted')
                except smtplib.SMTPSenderRefused as e:
                    assert e.smtp_code == 530, e
                s.starttls(context=ctx)
                s.ehlo('client.test')
                assert 'PLAIN' in s.esmtp_features['auth'], s.esmtp_features
                s.login('bob', 'bob-pw')
                s.sendmail('bob@example.test', ['friend@remote.test', 'fwd@example.test'],
                           b'Subject: relayed\\r\\n\\r\\nhello\\r\\n')
                s.quit()
                print('ok')
                """, port);
        assertThat(out).contains("ok");
        await(() -> {
            try {
                return sink.received().size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        SmtpSinkServer.Received r = sink.received().get(0);
        assertThat(r.mailFrom()).isEqualTo("<bob@example.test>");
        assertThat(r.recipients()).containsExactlyInAnyOrder("<friend@remote.test>", "<someone@remote.test>");
        assertThat(new String(r.message(), StandardCharsets.UTF_8)).contains("with ESMTPSA").contains("hello");
    }

    @Test
    void smtpsWithAuthLogin() throws Exception {
        int port = server.smtp(true, true, "", "127.0.0.1:" + sink.port());
        String out = Peers.python(dir, """
                import smtplib, ssl, sys
                ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                s = smtplib.SMTP_SSL('127.0.0.1', int(sys.argv[1]), context=ctx)
                s.ehlo('client.test')
                try:
                    s.login('bob', 'wrong'); raise SystemExit('bad password accepted')
                except smtplib.SMTPAuthenticationError as e:
                    assert e.smtp_code == 535, e
                s.login('carol@second.test', 'carol-pw')
                s.sendmail('carol@second.test', ['alice@example.test'], b'Subject: from carol\\r\\n\\r\\nhi\\r\\n')
                s.quit()
                print('ok')
                """, port);
        assertThat(out).contains("ok");
        assertThat(inbox(server, "alice")).singleElement().asString().contains("Subject: from carol");
    }
}
