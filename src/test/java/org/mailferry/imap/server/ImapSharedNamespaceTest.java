package org.mailferry.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.access.Peers;
import org.mailferry.access.TestServer;

/**
 * The shared namespace {@code #shared/} (RFC 2342) driven by Python's imaplib (a client nobody here wrote):
 * the shared account's owner creates a public folder and grants rights with SETACL (RFC 4314); other users
 * find it through NAMESPACE and LIST and use it within their rights; a domain without {@code SharedFolders}
 * has no shared namespace. Fixture: {@link TestServer#sharedFolders}.
 */
class ImapSharedNamespaceTest {
    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.create(dir.resolve("base"));
        server.sharedFolders("From: news@example.test\r\nSubject: weekly news\r\n\r\nall is well\r\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static final String SESSION = """
            import imaplib, sys, re
            port = int(sys.argv[1])
            def login(who):
                M = imaplib.IMAP4('127.0.0.1', port)
                typ, data = M.login(who, who + '-pw')
                assert typ == 'OK', data
                return M
            def names(M, pattern):
                typ, data = M.list('""', pattern)
                assert typ == 'OK', data
                return [re.search(rb'"/" (.*)$', d).group(1).strip(b'"').decode() for d in data if d]

            # the owner of the shared folders makes one and opens it to every user, read-only
            P = login('public')
            typ, data = P.namespace()
            assert data == [b'(("" "/")) (("~" "/")) (("#shared/" "/"))'], data
            typ, data = P.create('"#shared/Minutes"')
            assert typ == 'OK', data
            typ, data = P.setacl('"#shared/Minutes"', 'anyone', 'lr')
            assert typ == 'OK', data
            typ, data = P.append('"#shared/Minutes"', None, None, b'Subject: minutes\\r\\n\\r\\nwe met\\r\\n')
            assert typ == 'OK', data
            typ, data = P.getacl('"#shared/Minutes"')
            assert data == [b'#shared/Minutes public lrswipkxtea anyone lr'], data
            assert 'Minutes' in names(P, '%'), names(P, '%')
            P.logout()

            # alice finds the shared namespace and uses it within her rights
            M = login('alice')
            typ, data = M.namespace()
            assert b'(("#shared/" "/"))' in data[0], data
            got = names(M, '#shared/*')
            assert got == ['#shared/Drop', '#shared/Minutes', '#shared/News', '#shared/Team',
                           '#shared/Team/Reports'], got
            assert '#shared' in names(M, '%'), names(M, '%')
            typ, data = M.status('"#shared/Minutes"', '(MESSAGES UNSEEN)')
            assert data == [b'#shared/Minutes (MESSAGES 1 UNSEEN 1)'], data
            typ, data = M.myrights('"#shared/Minutes"')
            assert data == [b'#shared/Minutes lr'], data
            try:  # News grants no s, w, t or e: SELECT answers READ-ONLY, which imaplib reports so
                M.select('"#shared/News"')
                raise AssertionError('News was opened read-write')
            except M.readonly:
                pass
            typ, data = M.select('"#shared/News"', readonly=True)
            assert typ == 'OK' and data == [b'1'], data
            typ, data = M.fetch('1', '(BODY.PEEK[])')
            assert b'all is well' in data[0][1], data
            typ, data = M.store('1', '+FLAGS', '(\\\\Deleted)')
            assert typ == 'NO', (typ, data)
            typ, data = M.copy('1', '"#shared/Team/Reports"')
            assert typ == 'OK' and b'COPYUID' in data[0], data
            typ, data = M.copy('1', '"#shared/Minutes"')
            assert typ == 'NO' and b'NOPERM' in data[0], data
            M.close()
            typ, data = M.append('"#shared/Drop"', None, None, b'Subject: for the team\\r\\n\\r\\nhello\\r\\n')
            assert typ == 'OK' and b'APPENDUID' in data[0], data
            typ, data = M.select('"#shared/Drop"')
            assert typ == 'NO', data
            typ, data = M.select('"#shared/Team/Reports"')
            assert typ == 'OK' and data == [b'1'], data
            typ, data = M.store('1', '+FLAGS', '(\\\\Seen)')
            assert typ == 'OK', data
            M.close()
            typ, data = M.select('"#shared/Secret"')
            assert typ == 'NO' and b'NONEXISTENT' in data[0], data
            typ, data = M.create('"#shared/Mine"')
            assert typ == 'NO', data
            typ, data = M.subscribe('"#shared/Minutes"')
            assert typ == 'OK', data
            typ, data = M.lsub('""', '*')
            assert data == [b'() "/" #shared/Minutes'], data
            M.logout()

            # bob sees Secret but not Team; he may drop mail but not read the drop box
            B = login('bob')
            got = names(B, '*')
            assert got == ['INBOX', '#shared', '#shared/Drop', '#shared/Minutes', '#shared/News',
                           '#shared/Secret'], got
            typ, data = B.status('"#shared/Secret"', '(MESSAGES)')
            assert data == [b'#shared/Secret (MESSAGES 0)'], data
            typ, data = B.status('"#shared/Drop"', '(MESSAGES)')
            assert typ == 'NO', data
            B.logout()

            # second.test has no SharedFolders setting: no shared namespace
            C = imaplib.IMAP4('127.0.0.1', port)
            C.login('carol@second.test', 'carol-pw')
            typ, data = C.namespace()
            assert data == [b'(("" "/")) (("~" "/")) NIL'], data
            typ, data = C.select('"#shared/News"')
            assert typ == 'NO', data
            assert names(C, '*') == ['INBOX'], names(C, '*')
            C.logout()
            print('ok')
            """;

    @Test
    void imaplibUsesTheSharedNamespaceWithinItsRights() throws Exception {
        assertThat(Peers.python(dir, SESSION, server.imap())).contains("ok");
    }
}
