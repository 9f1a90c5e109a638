package org.mailferry.imap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response parser (RFC 3501 §7, §9), with the input split at every byte position. */
class ImapResponseParserTest {
    static final String TRANSCRIPT = "* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"
            + "* LIST (\\HasNoChildren) \".\" \"INBOX.Sent \\\"x\\\"\"\r\n"
            + "* LIST () NIL {5}\r\nab\r\nc\r\n"
            + "* 12 FETCH (UID 42 FLAGS (\\Seen $Forwarded) INTERNALDATE \"01-Jan-2000 10:00:00 +0100\" RFC822.SIZE 10 BODY[] {10}\r\nhello\r\nbye)\r\n"
            + "* 3 FETCH (BODY[HEADER.FIELDS (DATE FROM)] {2}\r\nxy)\r\n"
            + "m7 OK [APPENDUID 17 9] done\n"
            + "+ go ahead\r\n";

    /** Hands out at most {@code chunk} bytes per read, split once at {@code split}. */
    static InputStream chunked(byte[] data, int split) {
        return new InputStream() {
            int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= data.length) return -1;
                int end = pos < split ? Math.min(split, data.length) : data.length;
                int n = Math.min(len, end - pos);
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    static List<ImapResponse> parseAll(InputStream in) throws IOException {
        ImapResponseParser p = new ImapResponseParser(in, 1 << 20, 1 << 20);
        List<ImapResponse> out = new ArrayList<>();
        for (int i = 0; i < 7; i++) out.add(p.read(null));
        return out;
    }

    @Test
    void parsesEveryKindWhereverTheInputIsSplit() throws IOException {
        byte[] data = TRANSCRIPT.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= data.length; split++) {
            List<ImapResponse> r = parseAll(chunked(data, split));
            assertThat(r.get(0).code()).as("split %d", split).isEqualTo("CAPABILITY IMAP4rev1 LITERAL+");
            assertThat(ImapValue.text(r.get(1).values().get(2))).isEqualTo("INBOX.Sent \"x\"");
            assertThat(r.get(2).values().get(1)).isEqualTo(ImapValue.Nil.NIL);
            assertThat(ImapValue.text(r.get(2).values().get(2))).isEqualTo("ab\r\nc");
            FetchItem f = FetchItem.of(r.get(3).number(), r.get(3).values().get(0));
            assertThat(f.uid()).isEqualTo(42);
            assertThat(f.seq()).isEqualTo(12);
            assertThat(f.flags()).containsExactly("\\Seen", "$Forwarded");
            assertThat(f.internalDate()).isEqualTo("01-Jan-2000 10:00:00 +0100");
            assertThat(new String((byte[]) f.body(), StandardCharsets.US_ASCII)).isEqualTo("hello\r\nbye");
            assertThat(ImapValue.text(((ImapValue.ListVal) r.get(4).values().get(0)).items().get(0)))
                    .isEqualTo("BODY[HEADER.FIELDS (DATE FROM)]");
            assertThat(r.get(5).tag()).isEqualTo("m7");
            assertThat(r.get(5).codeName()).isEqualTo("APPENDUID");
            assertThat(r.get(6).isContinuation()).isTrue();
        }
    }

    @Test
    void literalsGoToTheSinkWithExactlyTheirBytes() throws IOException {
        byte[] data = "* 1 FETCH (UID 5 BODY[] {7}\r\nabc\r\nde)\r\n".getBytes(StandardCharsets.US_ASCII);
        ImapResponseParser p = new ImapResponseParser(new ByteArrayInputStream(data), 1000, 3);
        ImapResponse r = p.read((len, in) -> new String(in.readNBytes((int) len), StandardCharsets.US_ASCII));
        FetchItem f = FetchItem.of(r.number(), r.values().get(0));
        assertThat(f.body()).isEqualTo("abc\r\nde");
    }

    @Test
    void limitsHold() {
        byte[] longLine = ("* OK " + "x".repeat(2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new ImapResponseParser(new ByteArrayInputStream(longLine), 1000, 10).read(null))
                .hasMessageContaining("longer than 1000");
        byte[] bigLiteral = "* LIST () NIL {999999999}\r\nab".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new ImapResponseParser(new ByteArrayInputStream(bigLiteral), 1000, 100).read(null))
                .hasMessageContaining("over the limit");
        byte[] nested = ("* X " + "(".repeat(100) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new ImapResponseParser(new ByteArrayInputStream(nested), 1000, 100).read(null))
                .hasMessageContaining("deeper than 64");
        assertThatThrownBy(() -> new ImapResponseParser(new ByteArrayInputStream("* 1 FETCH (UID".getBytes(StandardCharsets.US_ASCII)), 1000, 100).read(null))
                .isInstanceOf(java.io.EOFException.class);
    }
}
