package org.mailferry.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DotStuffingTest {
    private static byte[] stuff(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffingOutputStream d = new DotStuffingOutputStream(out);
        d.write(content);
        d.finish();
        return out.toByteArray();
    }

    private static String read(String wire, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineReader in = new LineReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
        DotReader.Result r = DotReader.copy(in, out, max);
        String rest = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        return out.toString(StandardCharsets.ISO_8859_1) + "|" + r.size() + (r.tooBig() ? "!" : "") + "|" + rest;
    }

    @Test
    void stuffsDotsAndNormalizesLineEnds() throws IOException {
        assertThat(new String(stuff(".a\n..b\r\nc.\r\n.".getBytes()))).isEqualTo("..a\r\n...b\r\nc.\r\n..\r\n.\r\n");
        assertThat(new String(stuff(new byte[0]))).isEqualTo(".\r\n");
        assertThat(new String(stuff("x\r".getBytes()))).isEqualTo("x\r\n.\r\n");
    }

    @Test
    void readsUnstuffsAndStopsAtTheEnd() throws IOException {
        assertThat(read("..a\r\nb\r\n.\r\nQUIT\r\n", 1000)).isEqualTo(".a\r\nb\r\n|7|QUIT\r\n");
        assertThat(read(".\r\nNEXT", 1000)).isEqualTo("|0|NEXT");
        assertThat(read("bare\nlf\r\n.\r\n", 1000)).isEqualTo("bare\r\nlf\r\n|10|");
    }

    @Test
    void smugglingAttemptsAreContent() throws IOException {
        // <LF>.<CR><LF> and <CR><LF>.<LF> do not end the message; only <CR><LF>.<CR><LF> does.
        assertThat(read("a\n.\r\nMAIL FROM:<x@y>\r\n.\r\n", 1000))
                .isEqualTo("a\r\n\r\nMAIL FROM:<x@y>\r\n|22|");
        assertThat(read("a\r\n.\nRCPT TO:<x@y>\r\n.\r\n", 1000))
                .isEqualTo("a\r\n\r\nRCPT TO:<x@y>\r\n|20|");
    }

    @Test
    void overLimitIsReadToTheEndButNotWritten() throws IOException {
        assertThat(read("0123456789\r\n0123456789\r\n.\r\nQUIT\r\n", 15)).isEqualTo("0123456789\r\n|24!|QUIT\r\n");
    }

    @Test
    void endOfStreamInsideMessage() {
        assertThatThrownBy(() -> read("abc\r\n", 100)).isInstanceOf(EOFException.class);
    }

    @Test
    void veryLongLinesStream() throws IOException {
        String line = "x".repeat(100_000);
        assertThat(read(line + "\r\n.\r\n", 1_000_000)).isEqualTo(line + "\r\n|100002|");
    }

    /** Random content with CRLF ends: stuffing then reading gives it back, at every split of the wire. */
    @Test
    void roundTripsRandomContentAtEverySplit() throws IOException {
        long seed = 77;
        Random r = new Random(seed);
        byte[] alphabet = ".\r\nab .".getBytes();
        for (int i = 0; i < 300; i++) {
            StringBuilder sb = new StringBuilder();
            int lines = r.nextInt(6);
            for (int k = 0; k < lines; k++) {
                int len = r.nextInt(5);
                for (int j = 0; j < len; j++) {
                    char c = (char) alphabet[r.nextInt(alphabet.length)];
                    sb.append(c == '\r' || c == '\n' ? 'z' : c);
                }
                sb.append("\r\n");
            }
            byte[] content = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] wire = stuff(content);
            for (int split = 0; split <= wire.length; split++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                LineReader in = new LineReader(new SplitInputStream(wire, split, 3), 4);
                DotReader.copy(in, out, 1 << 20);
                assertThat(out.toByteArray()).as("seed %d case %d split %d", seed, i, split).isEqualTo(content);
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }
}
