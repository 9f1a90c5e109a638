package org.mailferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.cli.CliClient;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.ServerProcess;
import org.mailferry.testing.SmtpSinkServer;

/**
 * A POP server that answers RETR with {@code -ERR [SYS/TEMP]} (RFC 3206): Mailferry as the old server, whose
 * MailDir message file goes missing under a running session — as on a server whose storage hiccups — and comes
 * back. MovePOPMail waits and asks again, and copies the message once the server can read it; a file that stays
 * away leaves the message listed as not copied, and the others copied. The test acts at exact points of the
 * move: it watches the mover's --verbose lines as they are printed.
 */
class MovePOPMailRetrTest {
    @TempDir
    Path tmp;

    /** A stream that hands each complete line to {@code onLine} on the printing thread, before printing returns. */
    static final class Watch extends OutputStream {
        final ByteArrayOutputStream all = new ByteArrayOutputStream(), line = new ByteArrayOutputStream();
        final Consumer<String> onLine;

        Watch(Consumer<String> onLine) { this.onLine = onLine; }

        @Override
        public synchronized void write(int b) {
            all.write(b);
            if (b == '\n') {
                onLine.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    static Path messageFile(Path base, long uid) throws IOException {
        try (Stream<Path> s = Files.walk(base)) {
            List<Path> all = s.filter(Files::isRegularFile).toList();
            return all.stream().filter(p -> p.getFileName().toString().startsWith(uid + "-") && p.toString().contains(".mdir"))
                    .findFirst().orElseThrow(() -> new IOException("no file for UID " + uid + " among " + all));
        }
    }

    @Test
    void sysTempOnRetrIsRetriedAndAFileThatStaysAwayIsListed() throws Exception {
        int cli = ServerProcess.freePort(), imap = ServerProcess.freePort(), pop3 = ServerProcess.freePort();
        Path base = tmp.resolve("old");
        try (ServerProcess old = ServerProcess.start(base, Map.of("cli", cli, "imap", imap, "pop3", pop3));
             SmtpSinkServer sink = SmtpSinkServer.start()) {
            try (CliClient c = CliClient.connect("127.0.0.1", cli, "postmaster", "secret", 10_000)) {
                c.command("CREATEACCOUNT kim MailDirMailbox {Password=\"kim-pw\";}");
            }
            java.util.Random r = new java.util.Random(9);
            List<DovecotCorpus.Message> msgs = new ArrayList<>();
            for (int i = 0; i < 5; i++) msgs.add(DovecotCorpus.message(r, i, 0));
            try (DovecotImap c = new DovecotImap("127.0.0.1", imap, "kim", "kim-pw")) {
                c.appendAll("INBOX", msgs);
            }
            Path third = messageFile(base, 3), fifth = messageFile(base, 5);
            byte[] thirdBytes = Files.readAllBytes(third);
            List<String> events = new ArrayList<>();
            Watch out = new Watch(l -> {
                try {
                    if (l.startsWith("message 1/5 ")) { // the session is open: two files go missing
                        Files.move(third, tmp.resolve("away3"));
                        Files.move(fifth, tmp.resolve("away5"));
                        events.add("moved away");
                    } else if (l.startsWith("message 3: ") && l.contains("SYS/TEMP") && !events.contains("back")) {
                        Files.write(third, thirdBytes); // the storage is back for this one
                        events.add("back");
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
            int code = MovePOPMail.run(new String[]{"--journal", tmp.resolve("journal").toString(), "--verbose", "--retries", "2",
                    "--retry-wait", "100", "127.0.0.1:" + pop3, "kim", "kim-pw", sink.address(), "kim@new.example"}, ps, ps, null);
            String text = out.all.toString(StandardCharsets.UTF_8);
            assertThat(events).as(text).containsExactly("moved away", "back");
            assertThat(code).as(text).isEqualTo(ExitCodes.FINISHED_WITH_ERRORS);
            assertThat(text).containsPattern("message 3: .*SYS/TEMP.*\\(retry 1 of 2\\)")
                    .containsPattern("message 5: .*SYS/TEMP.*\\(retry 2 of 2\\)")
                    .contains("message 5 (UIDL ").contains("4 messages copied").contains("1 not copied");
            assertThat(sink.received()).hasSize(4);

            Files.move(tmp.resolve("away5"), fifth);
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            assertThat(MovePOPMail.run(new String[]{"--journal", tmp.resolve("journal").toString(), "127.0.0.1:" + pop3, "kim", "kim-pw",
                    sink.address(), "kim@new.example"}, quiet, quiet, null)).isZero();
            assertThat(sink.received()).hasSize(5);
        }
    }
}
