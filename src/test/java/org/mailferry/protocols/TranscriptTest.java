package org.mailferry.protocols;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.access.TestServer;
import org.mailferry.net.TlsTesting;
import org.mailferry.store.AppendRequest;
import org.mailferry.store.Flag;
import org.mailferry.store.Flags;
import org.mailferry.store.MessageSource;

/**
 * Protocol transcripts (src/test/resources/transcripts/PROTOCOL/*.txt): {@code C:} lines are sent (with CRLF),
 * {@code S:} lines must match the server's next line — literally, except {@code {{regex}}} parts. {@code TLS}
 * upgrades the connection (after STARTTLS/STLS), {@code S: <closed>} expects the server to close, {@code RAW:}
 * sends text without a line end ({@code \r \n} escapes allowed), {@code LONG: n} sends a line of n x.
 * Each file runs against a fresh server whose account alice has three messages in INBOX (the second one \Seen).
 * Files named {@code *shared*} also get the shared namespace of {@link TestServer#sharedFolders}.
 * Failures name the file and line.
 */
class TranscriptTest {
    @TempDir
    Path dir;

    static final String[] MESSAGES = {
        "From: Bob <bob@example.test>\r\nTo: alice@example.test\r\nSubject: first\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\nhello world\r\n",
        "From: Carol <carol@second.test>\r\nSubject: second\r\nDate: Tue, 2 Jan 2024 10:00:00 +0000\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\npart one\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>two</p>\r\n--b--\r\n",
        "From: bob@example.test\r\nSubject: third\r\n\r\nneedle in a haystack\r\n",
    };

    @TestFactory
    Stream<DynamicTest> transcripts() throws IOException {
        Path root = Path.of("src/test/resources/transcripts");
        List<DynamicTest> tests = new ArrayList<>();
        for (String proto : new String[] {"imap", "pop3", "smtp"}) {
            try (Stream<Path> files = Files.list(root.resolve(proto))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                    tests.add(DynamicTest.dynamicTest(proto + "/" + f.getFileName(), () -> run(proto, f)));
                }
            }
        }
        return tests.stream();
    }

    private void run(String proto, Path file) throws Exception {
        Path base = Files.createTempDirectory(dir, "base");
        try (TestServer server = TestServer.create(base)) {
            var alice = server.access.store(server.directory.findAccount("alice").orElseThrow());
            alice.append("INBOX", List.of(
                    AppendRequest.of(MessageSource.ofBytes(MESSAGES[0].getBytes(StandardCharsets.UTF_8))),
                    new AppendRequest(MessageSource.ofBytes(MESSAGES[1].getBytes(StandardCharsets.UTF_8)),
                            Flags.of(Flag.SEEN), null, null),
                    AppendRequest.of(MessageSource.ofBytes(MESSAGES[2].getBytes(StandardCharsets.UTF_8)))));
            if (file.getFileName().toString().contains("shared")) {
                server.sharedFolders(MESSAGES[2]);
            }
            int port = switch (proto) {
                case "imap" -> server.imap();
                case "pop3" -> server.pop3();
                default -> server.smtp(file.getFileName().toString().startsWith("submission"), false, "", null);
            };
            play(file, port);
        }
    }

    private static void play(Path file, int port) throws Exception {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        int n = 0;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                String where = file.getFileName() + ":" + n;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("C: ") || line.equals("C:")) {
                    out.write((line.substring(Math.min(3, line.length())) + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else if (line.startsWith("RAW: ")) {
                    out.write(line.substring(5).replace("\\r", "\r").replace("\\n", "\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else if (line.startsWith("LONG: ")) {
                    out.write(("x".repeat(Integer.parseInt(line.substring(6))) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } else if (line.equals("TLS")) {
                    s = TlsTesting.clientUpgrade(s);
                    s.setSoTimeout(10_000);
                    in = new BufferedInputStream(s.getInputStream());
                    out = s.getOutputStream();
                } else if (line.equals("S: <closed>")) {
                    String got = readLine(in);
                    assertThat(got).as("%s: expected the server to close", where).isNull();
                } else if (line.startsWith("S: ")) {
                    String got = readLine(in);
                    assertThat(got).as("%s: connection closed, wanted: %s", where, line.substring(3)).isNotNull();
                    assertThat(got).as("%s", where).matches(pattern(line.substring(3)));
                } else {
                    throw new AssertionError(where + ": unknown transcript line " + line);
                }
            }
        } finally {
            s.close();
        }
    }

    private static Pattern pattern(String spec) {
        StringBuilder re = new StringBuilder();
        Matcher m = Pattern.compile("\\{\\{(.*?)}}").matcher(spec);
        int pos = 0;
        while (m.find()) {
            re.append(Pattern.quote(spec.substring(pos, m.start()))).append(m.group(1));
            pos = m.end();
        }
        re.append(Pattern.quote(spec.substring(pos)));
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** One line without CRLF, or null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        try {
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
        } catch (SocketTimeoutException e) {
            return "<timeout after: " + b.toString(StandardCharsets.UTF_8) + ">";
        } catch (IOException e) {
            return null;
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
