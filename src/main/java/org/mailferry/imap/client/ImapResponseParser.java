package org.mailferry.imap.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads IMAP server responses (RFC 3501 §7, grammar in §9) from a byte stream, one at a time.
 *
 * <p>Literals ({@code {n}} and {@code {n+}}) are handed to a {@link LiteralSink} while they arrive, so a
 * 50 MB message body never has to be held on the heap; without a sink they are read into memory up to
 * {@code maxMemoryLiteral}. The text outside literals of one response is limited to {@code maxLine}
 * bytes. Nothing is sized from a number the server sent: buffers grow as bytes actually arrive.
 * Tolerates bare LF line ends. Does not interpret the responses (see {@link ImapConnection}).
 */
public final class ImapResponseParser {
    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos, lim;
    private final int maxLine;
    private final long maxMemoryLiteral;
    private long lineBytes;

    public ImapResponseParser(InputStream in, int maxLine, long maxMemoryLiteral) {
        this.in = in;
        this.maxLine = maxLine;
        this.maxMemoryLiteral = maxMemoryLiteral;
    }

    /** Reads the next complete response; literals go to {@code sink} (null = in memory). */
    public ImapResponse read(LiteralSink sink) throws IOException {
        lineBytes = 0;
        String tag = atom();
        if ("+".equals(tag)) {
            if (peek() == ' ') next();
            return new ImapResponse("+", "+", -1, List.of(), null, restOfLine());
        }
        expect(' ');
        String word = atom();
        long number = -1;
        if (!word.isEmpty() && Character.isDigit(word.charAt(0)) && "*".equals(tag)) {
            number = parseNumber(word);
            if (peek() == ' ') next();
            word = atom();
        }
        String kind = word.toUpperCase(Locale.ROOT);
        switch (kind) {
            case "OK", "NO", "BAD", "BYE", "PREAUTH" -> {
                String code = null;
                if (peek() == ' ') next();
                if (peek() == '[') {
                    next();
                    code = until(']');
                    if (peek() == ' ') next();
                }
                return new ImapResponse(tag, kind, number, List.of(), code, restOfLine());
            }
            default -> {
                List<ImapValue> values = new ArrayList<>();
                while (true) {
                    int c = peek();
                    if (c == '\r' || c == '\n') { endOfLine(); break; }
                    if (c == ' ') { next(); continue; }
                    values.add(value(sink, 0));
                }
                return new ImapResponse(tag, kind, number, values, null, null);
            }
        }
    }

    private ImapValue value(LiteralSink sink, int depth) throws IOException {
        if (depth > 64) throw new ImapProtocolException("response nests lists deeper than 64 levels");
        int c = peek();
        switch (c) {
            case '(' -> {
                next();
                List<ImapValue> items = new ArrayList<>();
                while (true) {
                    int d = peek();
                    if (d == ')') { next(); return new ImapValue.ListVal(items); }
                    if (d == ' ') { next(); continue; }
                    if (d == '\r' || d == '\n') throw new ImapProtocolException("list not closed before end of line");
                    items.add(value(sink, depth + 1));
                }
            }
            case '"' -> { return new ImapValue.Str(quoted()); }
            case '{' -> { return literal(sink); }
            default -> {
                String a = atom();
                if (a.isEmpty()) throw new ImapProtocolException("unexpected character 0x" + Integer.toHexString(c));
                if (a.equalsIgnoreCase("NIL")) return ImapValue.Nil.NIL;
                return new ImapValue.Atom(a);
            }
        }
    }

    private ImapValue literal(LiteralSink sink) throws IOException {
        next(); // {
        String digits = until('}');
        if (digits.endsWith("+")) digits = digits.substring(0, digits.length() - 1);
        long n = parseNumber(digits);
        endOfLine();
        LiteralInput li = new LiteralInput(n);
        if (sink != null) {
            Object handle = sink.take(n, li);
            if (li.remaining != 0) throw new IllegalStateException("literal sink left " + li.remaining + " bytes unread");
            return new ImapValue.Taken(n, handle);
        }
        if (n > maxMemoryLiteral) {
            throw new ImapProtocolException("literal of " + n + " bytes is over the limit of " + maxMemoryLiteral);
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream((int) Math.min(n, 8192));
        li.transferTo(bos);
        return new ImapValue.Str(bos.toByteArray());
    }

    private byte[] quoted() throws IOException {
        next(); // "
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        while (true) {
            int c = next();
            if (c == '"') return bos.toByteArray();
            if (c == '\\') c = next();
            if (c == '\r' || c == '\n') throw new ImapProtocolException("quoted string not closed before end of line");
            bos.write(c);
        }
    }

    /** Atom characters; a '[' makes everything up to the matching ']' part of the atom (BODY[HEADER.FIELDS (A B)]). */
    private String atom() throws IOException {
        StringBuilder sb = new StringBuilder();
        int brackets = 0;
        while (true) {
            int c = peek();
            if (c == '\r' || c == '\n') break;
            if (brackets == 0 && (c == ' ' || c == '(' || c == ')' || c == '{' || c == '"')) break;
            if (brackets == 0 && c == ']' && sb.isEmpty()) break;
            if (c == '[') brackets++;
            if (c == ']' && brackets > 0) brackets--;
            sb.append((char) next());
        }
        return sb.toString();
    }

    private String until(char end) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        while (true) {
            int c = peek();
            if (c == '\r' || c == '\n') throw new ImapProtocolException("missing '" + end + "' before end of line");
            next();
            if (c == end) return bos.toString(StandardCharsets.UTF_8);
            bos.write(c);
        }
    }

    private String restOfLine() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        while (true) {
            int c = peek();
            if (c == '\r' || c == '\n') { endOfLine(); return bos.toString(StandardCharsets.UTF_8); }
            bos.write(next());
        }
    }

    private void endOfLine() throws IOException {
        int c = next();
        if (c == '\r') c = next();
        if (c != '\n') throw new ImapProtocolException("CR not followed by LF");
    }

    private void expect(char ch) throws IOException {
        int c = next();
        if (c != ch) throw new ImapProtocolException("expected '" + ch + "', got 0x" + Integer.toHexString(c));
    }

    private static long parseNumber(String s) {
        if (s.isEmpty() || s.length() > 18) throw new ImapProtocolException("bad number '" + s + "'");
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') throw new ImapProtocolException("bad number '" + s + "'");
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    private int peek() throws IOException {
        if (pos == lim) fill();
        return buf[pos] & 0xff;
    }

    private int next() throws IOException {
        if (pos == lim) fill();
        if (++lineBytes > maxLine) throw new ImapProtocolException("response line longer than " + maxLine + " bytes");
        return buf[pos++] & 0xff;
    }

    private void fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) throw new EOFException("server closed the connection");
        pos = 0;
        lim = n;
    }

    /** Exactly {@code remaining} bytes of the underlying stream, through this parser's buffer. */
    private final class LiteralInput extends InputStream {
        long remaining;

        LiteralInput(long n) { remaining = n; }

        @Override
        public int read() throws IOException {
            if (remaining == 0) return -1;
            if (pos == lim) fill();
            remaining--;
            return buf[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) return -1;
            if (pos == lim) fill();
            int n = (int) Math.min(Math.min(len, lim - pos), remaining);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            remaining -= n;
            return n;
        }
    }
}
