package org.mailferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every transcript in src/test/resources/cli/: lines {@code C: text} are sent, lines {@code S: pattern}
 * must match the next reply line in full (Java regex; {@code \Q…\E} for literal text), {@code #} starts a
 * comment. Each transcript gets a fresh server whose postmaster password is "secret".
 */
class CliTranscriptTest {
    @TempDir
    Path base;

    static Stream<String> transcripts() throws IOException, URISyntaxException {
        Path dir = Path.of(CliTranscriptTest.class.getResource("/cli").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void transcript(String name) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(getClass().getResource("/cli/" + name).toURI()));
        try (CliTestServer server = new CliTestServer(base, TestCodecs.codec());
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            int n = 0;
            for (String line : lines) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("C: ")) {
                    out.write((line.substring(3) + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else if (line.startsWith("S: ")) {
                    String got = in.readLine();
                    String want = line.substring(3);
                    assertThat(got).as("%s line %d: got %s, want /%s/", name, n, got, want).isNotNull();
                    if (!Pattern.compile(want).matcher(got).matches()) {
                        fail("%s line %d:%n got  %s%n want /%s/", name, n, got, want);
                    }
                } else {
                    fail("%s line %d: a transcript line starts with 'C: ', 'S: ' or '#'", name, n);
                }
            }
        }
    }
}
