package org.mailferry.imap.proto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes IMAP responses (RFC 3501 §7): status lines, untagged data and the string forms (atom, quoted,
 * literal, NIL) chosen so that any value round-trips. Strings with CR, LF, NUL or, unless UTF-8 is enabled,
 * 8-bit characters are sent as literals. Callers flush when a response is complete.
 */
public final class ImapWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private final OutputStream out;
    private boolean utf8;

    public ImapWriter(OutputStream out) {
        this.out = out;
    }

    /** After ENABLE UTF8=ACCEPT, quoted strings may carry UTF-8 (RFC 6855). */
    public void utf8(boolean on) {
        this.utf8 = on;
    }

    public ImapWriter raw(String ascii) throws IOException {
        out.write(ascii.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public ImapWriter raw(byte[] b) throws IOException {
        out.write(b);
        return this;
    }

    public ImapWriter raw(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        return this;
    }

    public ImapWriter sp() throws IOException {
        out.write(' ');
        return this;
    }

    public ImapWriter number(long n) throws IOException {
        return raw(Long.toString(n));
    }

    public ImapWriter crlf() throws IOException {
        out.write(CRLF);
        return this;
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** {@code * text CRLF}. */
    public void untagged(String text) throws IOException {
        raw("* ").raw(text).crlf();
    }

    /** {@code tag OK|NO|BAD [code] text CRLF}. */
    public void tagged(String tag, String status, String code, String text) throws IOException {
        raw(tag).sp().raw(status).sp();
        if (code != null) {
            raw("[").raw(code).raw("] ");
        }
        raw(text).crlf();
    }

    /** {@code + text CRLF}, flushed. */
    public void continuation(String text) throws IOException {
        raw("+ ").raw(text).crlf();
        flush();
    }

    /** A string: quoted when possible, else a literal. */
    public ImapWriter string(String s) throws IOException {
        if (quotable(s, utf8)) {
            return quoted(s);
        }
        return literal(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A string, or NIL for null. */
    public ImapWriter nstring(String s) throws IOException {
        return s == null ? raw("NIL") : string(s);
    }

    /** A string from raw bytes (header values): quoted when 7-bit and safe, else a literal. */
    public ImapWriter nstring(byte[] b) throws IOException {
        if (b == null) {
            return raw("NIL");
        }
        boolean ok = b.length < 1024;
        for (int i = 0; ok && i < b.length; i++) {
            int c = b[i] & 0xff;
            ok = c >= 0x20 && (c < 0x7f || (utf8 && c >= 0x80));
        }
        if (ok) {
            out.write('"');
            for (byte x : b) {
                if (x == '"' || x == '\\') {
                    out.write('\\');
                }
                out.write(x);
            }
            out.write('"');
            return this;
        }
        return literal(b);
    }

    /** An atom when the value is a valid atom (and not NIL), else a string. */
    public ImapWriter astring(String s) throws IOException {
        return raw(astringForm(s, utf8));
    }

    static String astringForm(String s) {
        return astringForm(s, false);
    }

    private static String astringForm(String s, boolean utf8) {
        boolean atom = !s.isEmpty() && !s.equalsIgnoreCase("NIL");
        for (int i = 0; atom && i < s.length(); i++) {
            char c = s.charAt(i);
            atom = c < 0x80 && (Cursor.atomChar(c) || c == ']');
        }
        if (atom) {
            return s;
        }
        if (quotable(s, utf8)) {
            return quote(s);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return "{" + b.length + "}\r\n" + s;
    }

    public ImapWriter quoted(String s) throws IOException {
        return raw(quote(s));
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    static boolean quotable(String s, boolean utf8) {
        if (s.length() > 1000) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && !utf8)) {
                return false;
            }
        }
        return true;
    }

    public ImapWriter literal(byte[] b) throws IOException {
        raw("{" + b.length + "}").crlf();
        out.write(b);
        return this;
    }

    /** A literal of exactly {@code length} bytes copied from {@code in} (padded with NULs if it ends early). */
    public ImapWriter literal(InputStream in, long length) throws IOException {
        raw("{" + length + "}").crlf();
        byte[] buf = new byte[(int) Math.min(64 * 1024, Math.max(length, 1))];
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                java.util.Arrays.fill(buf, (byte) 0);
                while (left > 0) {
                    int k = (int) Math.min(buf.length, left);
                    out.write(buf, 0, k);
                    left -= k;
                }
                break;
            }
            out.write(buf, 0, n);
            left -= n;
        }
        return this;
    }
}
