package org.mailferry.protocols;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.access.TestServer;

/**
 * Random bytes and broken commands thrown at each listener (seeded; the seed and case are in the failure
 * message): the server answers or closes, never hangs or dies, keeps its memory bounded, and serves a normal
 * session afterwards.
 */
class FuzzTest {
    @TempDir
    Path dir;

    private static final String[] FRAGMENTS = {
        "a1 ", "LOGIN ", "FETCH ", "1:* ", "(BODY[", "]<0.", ">)", "{", "}", "{999999999999}", "+}", "\"", "\\",
        "\r\n", "\n", "\r", "\0", "SELECT INBOX", "APPEND", "UID ", "SEARCH ", "OR ", "NOT ", "(((((((", ")))",
        "MAIL FROM:<", "RCPT TO:<", "@", ">", "DATA", "BDAT 5", "BDAT 99999999 LAST", ".", "..", "AUTH PLAIN ",
        "USER ", "PASS ", "RETR 1", "TOP 1 99999", "STLS", "STARTTLS", "EHLO x", "=?utf-8?", "\u00e4\u00f6",
        "*", "%", "~", "&AOQ-", "&", "IDLE", "DONE", "NOOP", "x".repeat(5000)};

    private static byte[] garbage(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(40);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(4) == 0) {
                for (int k = r.nextInt(30); k > 0; k--) {
                    sb.append((char) r.nextInt(256));
                }
            } else {
                sb.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
            }
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void throwAt(int port, Random r, long seed, int cases) throws Exception {
        for (int i = 0; i < cases; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(3000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                try {
                    for (int k = 0; k < 4; k++) {
                        out.write(garbage(r));
                        out.write("\r\n".getBytes());
                        out.flush();
                    }
                    byte[] buf = new byte[8192];
                    long deadline = System.currentTimeMillis() + 300;
                    while (System.currentTimeMillis() < deadline && in.available() > 0) {
                        if (in.read(buf) < 0) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    // the server may close on us: fine
                }
            } catch (IOException e) {
                throw new AssertionError("seed " + seed + " case " + i + ": cannot connect: " + e, e);
            }
        }
    }

    private static String greeting(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            return new BufferedReader(new InputStreamReader(s.getInputStream())).readLine();
        }
    }

    @Test
    void listenersSurviveGarbage() throws Exception {
        long seed = 99;
        Random r = new Random(seed);
        try (TestServer server = TestServer.create(dir.resolve("base"))) {
            int imap = server.imap();
            int pop3 = server.pop3();
            int smtp = server.smtp(false, false, "", null);
            Runtime rt = Runtime.getRuntime();
            for (int round = 0; round < 3; round++) {
                throwAt(imap, r, seed, 40);
                throwAt(pop3, r, seed, 40);
                throwAt(smtp, r, seed, 40);
            }
            System.gc();
            long used = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
            assertThat(used).as("heap in use after the fuzzing, MB").isLessThan(512);
            assertThat(greeting(imap)).startsWith("* OK");
            assertThat(greeting(pop3)).startsWith("+OK");
            assertThat(greeting(smtp)).startsWith("220");
            try (SmtpClientScript c = new SmtpClientScript(smtp)) {
                c.send("EHLO client.test");
                assertThat(c.send("MAIL FROM:<a@outside.test>")).startsWith("250");
                assertThat(c.send("RCPT TO:<alice@example.test>")).startsWith("250");
            }
        }
    }
}
