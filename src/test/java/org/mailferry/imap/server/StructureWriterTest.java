package org.mailferry.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailferry.imap.proto.ImapWriter;
import org.mailferry.mime.MimeParser;
import org.mailferry.mime.MimePart;

class StructureWriterTest {
    static String bodystructure(byte[] msg, boolean ext) throws Exception {
        MimePart p = MimeParser.parse(new ByteArrayInputStream(msg));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StructureWriter.body(new ImapWriter(out), p, ext);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    static String envelope(byte[] msg) throws Exception {
        MimePart p = MimeParser.parse(new ByteArrayInputStream(msg));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StructureWriter.envelope(new ImapWriter(out), p.fields());
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void rfc3501Example() throws Exception {
        byte[] m = MimeCorpus.messages().get(0);
        assertThat(bodystructure(m, false)).isEqualTo("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\""
                + " 69 2)");
        assertThat(envelope(m)).isEqualTo("(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and"
                + " minutes\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\""
                + " \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((NIL NIL \"imap\""
                + " \"cac.washington.edu\")) ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL"
                + " \"KLENSIN\" \"MIT.EDU\")) NIL NIL \"<B27397-0100000@cac.washington.edu>\")");
    }

    @Test
    void groupsRoutesAndQuotedNames() throws Exception {
        String env = envelope(MimeCorpus.messages().get(1));
        assertThat(env).contains("((\"Smith, John\" NIL \"john\" \"example.com\"))");
        assertThat(env).contains("((NIL NIL \"Undisclosed recipients\" NIL)(NIL NIL NIL NIL)(NIL NIL \"friends\" NIL)"
                + "(NIL NIL \"a\" \"x.example\")(\"B B\" NIL \"b\" \"y.example\")(NIL NIL NIL NIL))");
        assertThat(env).contains("((NIL \"@route.example\" \"reply\" \"example.com\"))");
        assertThat(env).contains("\"=?utf-8?q?Gr=C3=BC=C3=9Fe?=\"");
    }

    @Test
    void sectionsResolve() throws Exception {
        byte[] m = MimeCorpus.messages().get(2);
        MimePart root = MimeParser.parse(new ByteArrayInputStream(m));
        String s = new String(m, StandardCharsets.ISO_8859_1);
        assertThat(text(s, root.resolve(List.of(1, 1)))).isEqualTo("plain");
        assertThat(text(s, root.resolve(List.of(1, 2)))).isEqualTo("<b>html</b>");
        assertThat(text(s, root.resolve(List.of(2)))).isEqualTo("JVBERi0xLjQKJcfs\r\nj6IKNCAwIG9iago=");
        MimePart fwd = root.resolve(List.of(3));
        assertThat(fwd.rfc822()).isTrue();
        assertThat(text(s, root.resolve(List.of(3, 1)))).isEqualTo("forwarded body");
        assertThat(text(s, root.resolve(List.of(3, 2)))).isEqualTo("iVBORw0KGgo=");
        assertThat(root.resolve(List.of(4))).isNull();
        assertThat(root.resolve(List.of(1, 3))).isNull();
        MimePart single = MimeParser.parse(new ByteArrayInputStream(MimeCorpus.messages().get(0)));
        assertThat(single.resolve(List.of(1))).isSameAs(single);
        assertThat(single.resolve(List.of(2))).isNull();
    }

    private static String text(String s, MimePart p) {
        return s.substring((int) p.bodyStart(), (int) p.end());
    }
}
