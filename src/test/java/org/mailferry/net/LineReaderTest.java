package org.mailferry.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static List<String> lines(LineReader r, int max) throws IOException {
        List<String> out = new ArrayList<>();
        byte[] l;
        while ((l = r.readLine(max)) != null) {
            out.add(new String(l, StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    @Test
    void readsCrlfAndLfLinesAtEverySplit() throws IOException {
        byte[] in = "one\r\ntwo\nthree\r\n\r\nlast\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int split = 0; split <= in.length; split++) {
            for (int buf : new int[] {1, 3, 16}) {
                LineReader r = new LineReader(new SplitInputStream(in, split, 2), buf);
                assertThat(lines(r, 100)).as("split %d buffer %d", split, buf)
                        .containsExactly("one", "two", "three", "", "last");
            }
        }
    }

    @Test
    void tooLongLineIsConsumedAndReported() throws IOException {
        LineReader r = new LineReader(new ByteArrayInputStream("abcdefghij\r\nok\r\n".getBytes()), 4);
        assertThatThrownBy(() -> r.readLine(5)).isInstanceOfSatisfying(LineTooLongException.class,
                e -> assertThat(e.lineEnded()).isTrue());
        assertThat(new String(r.readLine(5))).isEqualTo("ok");
    }

    @Test
    void lineOfExactlyTheLimitIsAccepted() throws IOException {
        LineReader r = new LineReader(new ByteArrayInputStream("abcde\r\nabcdef\r\n".getBytes()), 3);
        assertThat(new String(r.readLine(5))).isEqualTo("abcde");
        assertThatThrownBy(() -> r.readLine(5)).isInstanceOf(LineTooLongException.class);
    }

    @Test
    void endOfStreamInsideALineIsAnError() {
        LineReader r = new LineReader(new ByteArrayInputStream("abc".getBytes()));
        assertThatThrownBy(() -> r.readLine(10)).isInstanceOf(EOFException.class);
    }

    @Test
    void discardsPipelinedBytes() throws IOException {
        LineReader r = new LineReader(new ByteArrayInputStream("STARTTLS\r\nEVIL\r\n".getBytes()));
        assertThat(new String(r.readLine(100))).isEqualTo("STARTTLS");
        assertThat(r.buffered()).isEqualTo(6);
        assertThat(r.discardBuffered()).isEqualTo(6);
        r.setSource(new ByteArrayInputStream("GOOD\r\n".getBytes()));
        assertThat(new String(r.readLine(100))).isEqualTo("GOOD");
    }
}
