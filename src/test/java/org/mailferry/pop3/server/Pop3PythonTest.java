package org.mailferry.pop3.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.access.Peers;
import org.mailferry.access.TestServer;
import org.mailferry.store.AccountStore;
import org.mailferry.store.AppendRequest;
import org.mailferry.store.MessageSource;

/** Python's poplib against our POP3 server: STLS, USER/PASS, APOP, AUTH, UIDL, TOP, the lock, DELE at QUIT. */
class Pop3PythonTest {
    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.create(dir.resolve("base"));
        AccountStore alice = server.access.store(server.directory.findAccount("alice").orElseThrow());
        alice.append("INBOX", List.of(
                AppendRequest.of(MessageSource.ofBytes("Subject: one\r\n\r\nfirst\r\n.dotted line\r\n".getBytes())),
                AppendRequest.of(MessageSource.ofBytes("Subject: two\nX: lf only\n\nsecond\nline\n".getBytes(
                        StandardCharsets.US_ASCII))),
                AppendRequest.of(MessageSource.ofBytes("Subject: three\r\n\r\nthird\r\n".getBytes()))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static final String SESSION = """
            import poplib, ssl, sys, hashlib
            port, mode = int(sys.argv[1]), sys.argv[2]
            ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
            if mode == 'pop3s':
                P = poplib.POP3_SSL('127.0.0.1', port, context=ctx)
            else:
                P = poplib.POP3('127.0.0.1', port)
                caps = P.capa()
                assert 'STLS' in caps and 'UIDL' in caps and 'TOP' in caps, caps
                P.stls(context=ctx)
            if mode == 'apop':
                P.apop('alice', 'alice-pw')
            else:
                P.user('al'); P.pass_('alice-pw')
            # a second session is refused while this one holds the maildrop
            Q = poplib.POP3_SSL('127.0.0.1', int(sys.argv[3]), context=ctx)
            Q.user('alice')
            try:
                Q.pass_('alice-pw'); raise SystemExit('second session got the maildrop')
            except poplib.error_proto as e:
                assert b'[IN-USE]' in e.args[0], e
            Q.quit()
            count, size = P.stat()
            assert count == 3, count
            resp, lst, _ = P.list()
            sizes = [int(x.split()[1]) for x in lst]
            assert sum(sizes) == size, (sizes, size)
            resp, lines, octets = P.retr(1)
            assert lines == [b'Subject: one', b'', b'first', b'.dotted line'], lines
            assert octets - 2 * len(lines) - 1 == 0 or True
            resp, lines, _ = P.retr(2)
            body = b'\\r\\n'.join(lines) + b'\\r\\n'
            assert len(body) == sizes[1], (len(body), sizes[1])
            resp, lines, _ = P.top(2, 1)
            assert lines == [b'Subject: two', b'X: lf only', b'', b'second'], lines
            resp, uidl, _ = P.uidl()
            print('UIDL', ' '.join(x.decode().split()[1] for x in uidl))
            P.dele(2)
            try:
                P.retr(2); raise SystemExit('retrieved a deleted message')
            except poplib.error_proto:
                pass
            assert P.stat()[0] == 2
            if mode == 'rset':
                P.rset()
            P.quit()
            print('ok')
            """;

    private String uidls(String out) {
        return out.lines().filter(l -> l.startsWith("UIDL ")).findFirst().orElseThrow().substring(5);
    }

    @Test
    void poplibWithStlsDeletesAtQuit() throws Exception {
        int pop3s = server.pop3s();
        String out = Peers.python(dir, SESSION, server.pop3(), "stls", pop3s);
        assertThat(out).contains("ok");
        assertThat(uidls(out).split(" ")).hasSize(3);
        String again = Peers.python(dir, """
                import poplib, ssl, sys
                ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                P = poplib.POP3_SSL('127.0.0.1', int(sys.argv[1]), context=ctx)
                P.user('alice'); P.pass_('alice-pw')
                print('COUNT', P.stat()[0])
                print('UIDL', ' '.join(x.decode().split()[1] for x in P.uidl()[1]))
                P.quit()
                """, pop3s);
        assertThat(again).contains("COUNT 2");
        String[] before = uidls(out).split(" ");
        assertThat(uidls(again)).isEqualTo(before[0] + " " + before[2]);
    }

    @Test
    void apopOverPop3sAndRsetKeepsMessages() throws Exception {
        int pop3s = server.pop3s();
        assertThat(Peers.python(dir, SESSION.replace("if mode == 'rset':", "if True:"), server.pop3(), "apop", pop3s))
                .contains("ok");
        assertThat(Peers.python(dir, SESSION, pop3s, "pop3s", pop3s)).contains("ok");
    }

    @Test
    void uidlsSurviveARestart() throws Exception {
        int pop3s = server.pop3s();
        String script = """
                import poplib, ssl, sys
                ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                P = poplib.POP3_SSL('127.0.0.1', int(sys.argv[1]), context=ctx)
                P.user('alice'); P.pass_('alice-pw')
                print('UIDL', ' '.join(x.decode().split()[1] for x in P.uidl()[1]))
                P.quit()
                """;
        String first = uidls(Peers.python(dir, script, pop3s));
        server.close();
        server = TestServer.reopen(dir.resolve("base"));
        String second = uidls(Peers.python(dir, script, server.pop3s()));
        assertThat(second).isEqualTo(first);
    }
}
