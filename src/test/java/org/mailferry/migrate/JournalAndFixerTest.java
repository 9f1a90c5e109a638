package org.mailferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's crash handling and the --fixLongLines treatment, without servers. */
class JournalAndFixerTest {
    @TempDir
    Path tmp;

    @Test
    void tornLastLineIsCutAndDamageElsewhereIsNamed() throws Exception {
        Path f = tmp.resolve("a.journal");
        try (Journal j = Journal.open(f)) {
            j.intent(new Journal.Intent("INBOX", 7, 1, "s1", "s1", 10, "INBOX", 9, 1));
            j.copied(new Journal.Copied("INBOX", 7, 1, "s1", "s1", "INBOX", 1, 1));
            j.intent(new Journal.Intent("INBOX", 7, 2, "s2", "s2", 10, "INBOX", 9, 1));
            j.sync();
            assertThatThrownBy(() -> Journal.open(f)).hasMessageContaining("in use by another mover");
        }
        String full = Files.readString(f);
        Files.writeString(f, full.substring(0, full.length() - 9)); // a write cut by SIGKILL
        try (Journal j = Journal.open(f)) {
            assertThat(j.isCopied("INBOX", 7, 1)).isTrue();
            assertThat(j.pendingFor("INBOX")).isEmpty(); // the torn intent is gone
            j.popSubmitted("uidl:x", 5);
        }
        assertThat(Files.readString(f)).endsWith("\n").contains("P ");
        List<String> lines = Files.readAllLines(f);
        lines.set(1, lines.get(1).replace(" 7 ", " 8 "));
        Files.write(f, lines);
        assertThatThrownBy(() -> Journal.open(f)).hasMessageContaining("a.journal line 2: damaged record");
    }

    @Test
    void fixLongLinesKeepsEveryByteAndBoundsEveryLine() throws Exception {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        for (int i = 0; i < 300; i++) {
            int max = 2 + r.nextInt(80);
            StringBuilder m = new StringBuilder();
            int headers = r.nextInt(4);
            for (int h = 0; h < headers; h++) m.append("H").append(h).append(": ").append("v".repeat(r.nextInt(200))).append("\r\n");
            m.append("\r\n");
            int body = r.nextInt(5);
            for (int b = 0; b < body; b++) m.append("x".repeat(r.nextInt(300))).append("\r\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LongLineFixer.fix(new ByteArrayInputStream(m.toString().getBytes(StandardCharsets.US_ASCII)), out, max);
            String fixed = out.toString(StandardCharsets.US_ASCII);
            for (String line : fixed.split("\r\n")) assertThat(line.length()).as("seed %d case %d", seed, i).isLessThanOrEqualTo(max);
            int blank = fixed.indexOf("\r\n\r\n");
            String unfolded = (blank < 0 ? fixed : fixed.substring(0, blank).replace("\r\n ", "") + fixed.substring(blank)).replace("\r\n", "");
            assertThat(unfolded).as("seed %d case %d", seed, i).isEqualTo(m.toString().replace("\r\n", ""));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LongLineFixer.fix(new ByteArrayInputStream("a\nb\rc\0d\r\n".getBytes(StandardCharsets.US_ASCII)), out, 10);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("a\r\nb\r\ncd\r\n");
    }
}
