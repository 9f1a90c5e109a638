package org.mailferry.protocols;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.access.AccessSettings;
import org.mailferry.access.TestServer;

/**
 * Failed logins are delayed (doubling) and throttled per account and per client address; once throttled, even
 * the right password is refused with the same reply, so the replies never tell whether an account exists or a
 * password was right.
 */
class LoginThrottlingTest {
    @TempDir
    Path dir;

    private static final class Imap implements AutoCloseable {
        final Socket s;
        final BufferedReader in;
        final OutputStream out;
        int tag;

        Imap(int port) throws IOException {
            s = new Socket("127.0.0.1", port);
            s.setSoTimeout(20_000);
            in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out = s.getOutputStream();
            in.readLine();
        }

        String login(String user, String pw) throws IOException {
            String t = "t" + ++tag;
            out.write((t + " LOGIN " + user + " " + pw + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String l;
            while (!(l = in.readLine()).startsWith(t + " ")) {
                // skip untagged
            }
            return l.substring(t.length() + 1);
        }

        @Override
        public void close() throws IOException {
            s.close();
        }
    }

    @Test
    void accountIsThrottledAfterFailuresAndRepliesStayTheSame() throws Exception {
        AccessSettings settings = new AccessSettings("mail.example.test", 40, Duration.ofMinutes(10), 8, 3, true);
        try (TestServer server = TestServer.create(dir.resolve("base"), settings); Imap c = new Imap(server.imap())) {
            String failed = "NO [AUTHENTICATIONFAILED] Authentication failed";
            long[] took = new long[3];
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                assertThat(c.login("alice", "wrong" + i)).isEqualTo(failed);
                took[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            assertThat(took[0]).isGreaterThanOrEqualTo(40);
            assertThat(took[2]).isGreaterThanOrEqualTo(160); // doubled twice
            assertThat(c.login("alice", "alice-pw")).as("right password while throttled").isEqualTo(failed);
            assertThat(c.login("al", "alice-pw")).as("alias is a different name, but IP budget").startsWith("OK");
        }
    }

    @Test
    void addressIsThrottledAcrossAccounts() throws Exception {
        AccessSettings settings = new AccessSettings("mail.example.test", 5, Duration.ofMinutes(10), 4, 100, true);
        try (TestServer server = TestServer.create(dir.resolve("base"), settings)) {
            int port = server.imap();
            String failed = "NO [AUTHENTICATIONFAILED] Authentication failed";
            try (Imap c = new Imap(port)) {
                assertThat(c.login("nosuchuser1", "x")).isEqualTo(failed);
                assertThat(c.login("nosuchuser2", "x")).isEqualTo(failed);
                assertThat(c.login("bob", "x")).isEqualTo(failed);
                assertThat(c.login("carol@second.test", "x")).isEqualTo(failed);
            }
            try (Imap c = new Imap(port)) {
                assertThat(c.login("bob", "bob-pw")).isEqualTo(failed);
            }
        }
    }
}
