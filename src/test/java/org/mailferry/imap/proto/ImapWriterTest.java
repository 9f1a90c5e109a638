package org.mailferry.imap.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImapWriterTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ImapWriter w = new ImapWriter(out);

    private String text() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void statusLines() throws Exception {
        w.tagged("a1", "OK", "READ-WRITE", "SELECT completed");
        w.untagged("3 EXISTS");
        w.continuation("Ready");
        assertThat(text()).isEqualTo("a1 OK [READ-WRITE] SELECT completed\r\n* 3 EXISTS\r\n+ Ready\r\n");
    }

    @Test
    void stringForms() throws Exception {
        w.string("plain").sp().string("with \"quote\" and \\").sp().nstring((String) null).sp().string("a\r\nb")
                .sp().astring("INBOX").sp().astring("Sent Items").sp().astring("nil").sp().string("\u00e4");
        assertThat(text()).isEqualTo("\"plain\" \"with \\\"quote\\\" and \\\\\" NIL {4}\r\na\r\nb INBOX"
                + " \"Sent Items\" \"nil\" {2}\r\n\u00e4");
    }

    @Test
    void utf8QuotedAfterEnable() throws Exception {
        w.utf8(true);
        w.string("\u00e4");
        assertThat(text()).isEqualTo("\"\u00e4\"");
    }

    @Test
    void literalFromStreamIsPaddedWhenShort() throws Exception {
        w.literal(new ByteArrayInputStream("ab".getBytes()), 4);
        assertThat(out.toByteArray()).isEqualTo("{4}\r\nab\0\0".getBytes());
    }

    @Test
    void headerBytesQuotedOrLiteral() throws Exception {
        w.nstring("Hello".getBytes()).sp().nstring("Gr\u00fc\u00df".getBytes(StandardCharsets.UTF_8));
        assertThat(text()).isEqualTo("\"Hello\" {6}\r\nGr\u00fc\u00df");
    }
}
