package org.mailferry.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.access.Peers;
import org.mailferry.access.TestServer;

/** Python's imaplib (a client nobody here wrote) against our IMAP server, over STARTTLS and implicit TLS. */
class ImapPythonTest {
    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.create(dir.resolve("base"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static final String SESSION = """
            import imaplib, ssl, sys, email
            port, mode = int(sys.argv[1]), sys.argv[2]
            ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
            if mode == 'imaps':
                M = imaplib.IMAP4_SSL('127.0.0.1', port, ssl_context=ctx)
            else:
                M = imaplib.IMAP4('127.0.0.1', port)
                assert 'STARTTLS' in M.capabilities, M.capabilities
                M.starttls(ssl_context=ctx)
            if mode == 'authplain':
                typ, data = M.authenticate('PLAIN', lambda _: b'\\0al\\0alice-pw')
            else:
                typ, data = M.login('alice', 'alice-pw')
            assert typ == 'OK', data
            assert 'UIDPLUS' in M.capabilities or True
            typ, _ = M.create('Archive/2024')
            assert typ == 'OK'
            msg = b'From: Bob <bob@example.test>\\r\\nTo: alice@example.test\\r\\nSubject: Hello \\xc3\\xa4\\r\\n' \\
                  b'Date: Mon, 1 Jan 2024 10:00:00 +0000\\r\\n\\r\\nBody line one\\r\\nsecond line with needle\\r\\n'
            typ, data = M.append('INBOX', '(\\\\Flagged)', imaplib.Time2Internaldate(1700000000), msg)
            assert typ == 'OK' and b'APPENDUID' in data[0], data
            typ, data = M.select('INBOX')
            assert typ == 'OK' and data[0] == b'1', data
            typ, data = M.fetch('1', '(ENVELOPE)')
            assert b'(("Bob" NIL "bob" "example.test"))' in data[0][0] + data[1], data
            typ, data = M.fetch('1', '(FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT)])')
            assert typ == 'OK', data
            head = data[0][0]
            assert b'\\\\Flagged' in head and b'RFC822.SIZE %d' % len(msg) in head, head
            assert data[0][1].startswith(b'Subject: Hello'), data
            typ, data = M.fetch('1', '(BODY[])')
            assert data[0][1] == msg, data
            typ, data = M.fetch('1', '(FLAGS)')
            assert b'\\\\Seen' in data[0], data
            typ, data = M.search(None, 'BODY', 'needle')
            assert data == [b'1'], data
            typ, data = M.search(None, 'FROM', 'bob', 'UNDELETED')
            assert data == [b'1'], data
            typ, data = M.uid('SEARCH', None, 'SUBJECT', 'nothing-like-this')
            assert data == [b''], data
            typ, data = M.copy('1', 'Archive/2024')
            assert typ == 'OK', data
            typ, data = M.store('1', '+FLAGS', '(\\\\Deleted)')
            assert typ == 'OK' and b'\\\\Deleted' in data[0], data
            typ, data = M.expunge()
            assert data == [b'1'], data
            typ, data = M.status('Archive/2024', '(MESSAGES UNSEEN UIDNEXT)')
            assert b'MESSAGES 1' in data[0], data
            typ, data = M.list()
            names = b' '.join(data)
            assert b'Archive/2024' in names and b'INBOX' in names, data
            M.close()
            M.logout()
            print('ok')
            """;

    @Test
    void imaplibOverStartTls() throws Exception {
        assertThat(Peers.python(dir, SESSION, server.imap(), "starttls")).contains("ok");
    }

    @Test
    void imaplibOverImaps() throws Exception {
        assertThat(Peers.python(dir, SESSION, server.imaps(), "imaps")).contains("ok");
    }

    @Test
    void cramMd5AndScramSha256() throws Exception {
        String out = Peers.python(dir, """
                import imaplib, sys, hmac, hashlib, base64, os
                port = int(sys.argv[1])
                M = imaplib.IMAP4('127.0.0.1', port)
                typ, _ = M.login_cram_md5('bob', 'bob-pw')
                assert typ == 'OK'
                M.logout()
                # SCRAM-SHA-256 (RFC 5802, RFC 7677) written out here, independently of the server
                M = imaplib.IMAP4('127.0.0.1', port)
                nonce = base64.b64encode(os.urandom(18)).decode()
                first_bare = 'n=alice,r=' + nonce
                state = {}
                def step(challenge):
                    if not state:
                        state['sent'] = 1
                        return ('n,,' + first_bare).encode()
                    msg = challenge.decode()
                    if msg.startswith('v='):
                        assert base64.b64decode(msg[2:]) == state['server_sig'], 'server signature'
                        return b''
                    attrs = dict(kv.split('=', 1) for kv in msg.split(','))
                    assert attrs['r'].startswith(nonce)
                    salted = hashlib.pbkdf2_hmac('sha256', b'alice-pw', base64.b64decode(attrs['s']), int(attrs['i']))
                    client_key = hmac.new(salted, b'Client Key', 'sha256').digest()
                    stored = hashlib.sha256(client_key).digest()
                    final_wo = 'c=biws,r=' + attrs['r']
                    auth = (first_bare + ',' + msg + ',' + final_wo).encode()
                    sig = hmac.new(stored, auth, 'sha256').digest()
                    proof = bytes(a ^ b for a, b in zip(client_key, sig))
                    server_key = hmac.new(salted, b'Server Key', 'sha256').digest()
                    state['server_sig'] = hmac.new(server_key, auth, 'sha256').digest()
                    return (final_wo + ',p=' + base64.b64encode(proof).decode()).encode()
                typ, data = M.authenticate('SCRAM-SHA-256', step)
                assert typ == 'OK', data
                M.logout()
                print('ok')
                """, server.imap());
        assertThat(out).contains("ok");
    }

    @Test
    void imaplibAuthenticatePlainWithAlias() throws Exception {
        assertThat(Peers.python(dir, SESSION, server.imap(), "authplain")).contains("ok");
    }
}
