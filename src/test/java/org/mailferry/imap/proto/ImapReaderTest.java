package org.mailferry.imap.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.net.LineReader;
import org.mailferry.net.LineTooLongException;
import org.mailferry.net.SplitInputStream;

class ImapReaderTest {
    @TempDir
    Path tmp;

    private final AtomicInteger continuations = new AtomicInteger();

    private ImapReader reader(InputStream in, ImapLimits limits) {
        return new ImapReader(new LineReader(in), limits, continuations::incrementAndGet);
    }

    private ImapReader reader(String s) {
        return reader(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)), ImapLimits.defaults(tmp));
    }

    private static final ImapReader.LiteralLimit ANY = name -> 1L << 40;

    @Test
    void readsTagNameAndText() throws Exception {
        RawCommand c = reader("a1 select INBOX\r\n").read(ANY);
        assertThat(c.tag()).isEqualTo("a1");
        assertThat(c.name()).isEqualTo("SELECT");
        assertThat(c.parts()).hasSize(1);
        assertThat(new String(((RawCommand.Text) c.parts().get(0)).bytes())).isEqualTo(" INBOX");
    }

    @Test
    void synchronizingLiteralGetsAContinuation() throws Exception {
        ImapCommand cmd = CommandParser.parse(reader("a LOGIN {4}\r\nfred {3+}\r\nx y\r\n").read(ANY));
        assertThat(cmd).isEqualTo(new ImapCommand.Login("a", "fred", "x y"));
        assertThat(continuations.get()).isEqualTo(1);
    }

    @Test
    void largeLiteralIsSpooledToDiskAndDeletedOnClose() throws Exception {
        ImapLimits limits = new ImapLimits(4096, 10, 10, 1 << 20, tmp);
        String body = "Subject: hi\r\n\r\nhello there\r\n";
        String wire = "A003 APPEND saved-messages (\\Seen) {" + body.length() + "}\r\n" + body + "\r\n";
        RawCommand raw = reader(new ByteArrayInputStream(wire.getBytes()), limits).read(ANY);
        ImapCommand.Append a = (ImapCommand.Append) CommandParser.parse(raw);
        Literal l = a.messages().get(0).message();
        assertThat(l).isInstanceOf(Literal.Spooled.class);
        assertThat(new String(l.open().readAllBytes())).isEqualTo(body);
        Path file = ((Literal.Spooled) l).file();
        assertThat(file).startsWith(tmp);
        a.close();
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void aMultiappendKeepsOnlyItsMemoryBudgetInMemory() throws Exception {
        // literals of up to 10 bytes may stay in memory, 25 bytes per command: the third 10-byte literal goes to disk
        ImapLimits limits = new ImapLimits(4096, 10, 10, 1 << 20, tmp, 25);
        String m = "0123456789";
        String wire = "A1 APPEND INBOX {10+}\r\n" + m + " {10+}\r\n" + m + " {10+}\r\n" + m + " {4+}\r\nabcd\r\n";
        RawCommand raw = reader(new ByteArrayInputStream(wire.getBytes()), limits).read(ANY);
        ImapCommand.Append a = (ImapCommand.Append) CommandParser.parse(raw);
        assertThat(a.messages()).extracting(x -> x.message().getClass().getSimpleName())
                .containsExactly("InMemory", "InMemory", "Spooled", "InMemory");
        for (ImapCommand.AppendMessage x : a.messages()) assertThat(x.message().open().readAllBytes()).hasSizeBetween(4, 10);
        a.close();
    }

    @Test
    void hugeSynchronizingLiteralIsRefusedBeforeAnyByte() {
        ImapLimits limits = ImapLimits.defaults(tmp);
        ImapReader r = reader(new ByteArrayInputStream("A1 APPEND INBOX {2147483648}\r\n".getBytes()), limits);
        assertThatThrownBy(() -> r.read(name -> 50_000_000)).isInstanceOfSatisfying(ImapParseException.class, e -> {
            assertThat(e.kind()).isEqualTo(ImapParseException.Kind.NO);
            assertThat(e.tag()).isEqualTo("A1");
            assertThat(e.code()).isEqualTo("TOOBIG");
        });
        assertThat(continuations.get()).isZero();
        assertThat(tmp.toFile().list()).isEmpty();
    }

    @Test
    void absurdLiteralSizeDoesNotOverflow() {
        ImapReader r = reader("A1 APPEND INBOX {99999999999999999999999999999}\r\n");
        assertThatThrownBy(() -> r.read(name -> 1000)).isInstanceOfSatisfying(ImapParseException.class,
                e -> assertThat(e.kind()).isEqualTo(ImapParseException.Kind.NO));
    }

    @Test
    void hugeNonSynchronizingLiteralSaysBye() {
        ImapReader r = reader("A1 APPEND INBOX {2147483648+}\r\nxxxx");
        assertThatThrownBy(() -> r.read(name -> 1000)).isInstanceOfSatisfying(ImapParseException.class,
                e -> assertThat(e.kind()).isEqualTo(ImapParseException.Kind.BYE));
    }

    @Test
    void tooManyLiteralsAreRefused() {
        ImapLimits limits = new ImapLimits(4096, 10, 2, 1 << 20, tmp);
        ImapReader r = reader(new ByteArrayInputStream(
                "a LOGIN {1+}\r\nx {1+}\r\ny {1+}\r\nz\r\n".getBytes()), limits);
        assertThatThrownBy(() -> r.read(ANY)).isInstanceOf(ImapParseException.class);
    }

    @Test
    void invalidTagIsBadWithStar() {
        assertThatThrownBy(() -> reader("a+b NOOP\r\n").read(ANY)).isInstanceOfSatisfying(
                ImapParseException.class, e -> assertThat(e.tag()).isEqualTo("*"));
        assertThatThrownBy(() -> reader(" NOOP\r\n").read(ANY)).isInstanceOf(ImapParseException.class);
        assertThatThrownBy(() -> reader("a\r\n").read(ANY)).isInstanceOfSatisfying(ImapParseException.class,
                e -> assertThat(e.tag()).isEqualTo("a"));
    }

    @Test
    void lineTooLongIsReportedAndTheNextCommandRead() throws Exception {
        ImapLimits limits = new ImapLimits(1024, 10, 2, 1 << 20, tmp);
        String wire = "a NOOP " + "x".repeat(2000) + "\r\nb NOOP\r\n";
        ImapReader r = reader(new ByteArrayInputStream(wire.getBytes()), limits);
        assertThatThrownBy(() -> r.read(ANY)).isInstanceOf(LineTooLongException.class);
        assertThat(r.read(ANY).tag()).isEqualTo("b");
    }

    @Test
    void endOfStreamBetweenCommandsIsNull() throws Exception {
        assertThat(reader("").read(ANY)).isNull();
    }

    /** Every command of this session, read whole and read split at every byte, gives the same result. */
    @Test
    void parsesIdenticallyWhenSplitAtEveryByte() throws Exception {
        String wire = String.join("", List.of(
                "a1 LOGIN {5}\r\nsmith \"s\\\"cret\"\r\n",
                "a2 SELECT \"INBOX\"\r\n",
                "a3 UID FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (From Subject)]<0.100>)\r\n",
                "a4 APPEND Drafts (\\Draft) \" 7-Feb-1994 21:52:25 -0800\" {12+}\r\nHello\r\nWorld\r\n",
                "a5 SEARCH CHARSET UTF-8 OR FROM {5}\r\nM\u00fcll SUBJECT \"x\" UNSEEN\r\n",
                "a6 STORE 2:4 +FLAGS.SILENT (\\Deleted $Junk)\r\n",
                "a7 LOGOUT\r\n"));
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        List<String> whole = readAll(new ByteArrayInputStream(bytes));
        assertThat(whole).hasSize(7);
        for (int split = 0; split <= bytes.length; split++) {
            assertThat(readAll(new SplitInputStream(bytes, split, 7))).as("split at %d", split).isEqualTo(whole);
        }
    }

    private List<String> readAll(InputStream in) throws Exception {
        ImapReader r = reader(in, new ImapLimits(4096, 8, 10, 1 << 20, tmp));
        List<String> out = new ArrayList<>();
        RawCommand raw;
        while ((raw = r.read(ANY)) != null) {
            try (RawCommand r2 = raw) {
                ImapCommand c = CommandParser.parse(raw);
                String s = c.toString();
                if (c instanceof ImapCommand.Append a) {
                    s += new String(a.messages().get(0).message().open().readAllBytes());
                }
                out.add(s);
            }
        }
        return out;
    }
}
