package org.mailferry.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives src/test/resources/auth/sasl_client.py (Python's smtplib client code, or SCRAM written from the RFC)
 * against our mechanisms, passing messages over the process's stdin/stdout. One Python process serves many
 * exchanges; {@link #run} returns the client's verdict (0: it saw success and, for SCRAM, a right server
 * signature; 3: failure; 4: wrong server signature) and the server's last step.
 */
final class PythonSaslClient implements AutoCloseable {
    record Outcome(int clientExit, SaslStep serverStep) {
    }

    private final Process process;
    private final BufferedReader in;
    private final Writer out;

    PythonSaslClient() throws IOException, URISyntaxException {
        Path script = Path.of(PythonSaslClient.class.getResource("/auth/sasl_client.py").toURI());
        process = new ProcessBuilder(List.of("python3", "-W", "ignore", script.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        out = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    Outcome run(SaslServer server, String user, String password, String authzid) throws IOException {
        Base64.Encoder b64 = Base64.getEncoder();
        send("START " + server.mechanism() + " " + b64.encodeToString(user.getBytes(StandardCharsets.UTF_8)) + " "
                + b64.encodeToString(password.getBytes(StandardCharsets.UTF_8)) + " "
                + b64.encodeToString(authzid.getBytes(StandardCharsets.UTF_8)) + " ");
        String first = read();
        SaslStep step = server.start(first.equals("NOIR") ? null : decode(first, "IR"));
        String line;
        while (true) {
            if (step instanceof SaslStep.Challenge c) {
                send("C " + b64.encodeToString(c.data()));
            } else {
                send(step instanceof SaslStep.Success ? "S" : "F");
            }
            line = read();
            if (line.startsWith("EXIT ")) {
                return new Outcome(Integer.parseInt(line.substring(5)), step);
            }
            assertThat(step).as("client answered %s after the server ended", line).isInstanceOf(
                    SaslStep.Challenge.class);
            step = server.respond(decode(line, "R"));
        }
    }

    private void send(String line) throws IOException {
        out.write(line + "\n");
        out.flush();
    }

    private String read() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("sasl_client.py ended early (see its traceback above)");
        }
        return line;
    }

    private static byte[] decode(String line, String tag) {
        assertThat(line).startsWith(tag);
        return line.length() > tag.length() + 1 ? Base64.getDecoder().decode(line.substring(tag.length() + 1))
                : new byte[0];
    }

    @Override
    public void close() throws IOException, InterruptedException {
        out.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
