package org.mailferry.imap.proto;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Walks the text and literal parts of a {@link RawCommand} token by token for {@link CommandParser}. Errors are
 * {@link IllegalArgumentException}s with a message fit for a {@code BAD} reply.
 */
final class Cursor {
    static final int END = -1;
    static final int LITERAL = -2;

    private final List<RawCommand.Part> parts;
    private int index;
    private byte[] text;
    private int pos;

    Cursor(List<RawCommand.Part> parts) {
        this.parts = parts;
        this.index = 0;
        this.text = ((RawCommand.Text) parts.get(0)).bytes();
        this.pos = 0;
    }

    int peek() {
        if (pos < text.length) {
            return text[pos] & 0xff;
        }
        return index + 1 < parts.size() ? LITERAL : END;
    }

    boolean atEnd() {
        return peek() == END;
    }

    void expect(char c) {
        if (peek() != c) {
            throw new IllegalArgumentException(c == ' ' ? "Missing argument" : "Expected '" + c + "'" + near());
        }
        pos++;
    }

    void sp() {
        expect(' ');
    }

    boolean skip(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    String near() {
        if (pos >= text.length) {
            return " at end of command";
        }
        int end = Math.min(text.length, pos + 20);
        return " near \"" + new String(text, pos, end - pos, StandardCharsets.UTF_8) + "\"";
    }

    static boolean atomChar(int c) {
        return c > 0x20 && c != 0x7f && c != '(' && c != ')' && c != '{' && c != '%' && c != '*' && c != '"'
                && c != '\\' && c != ']' && c >= 0;
    }

    /** 1*ATOM-CHAR (8-bit bytes allowed and read as UTF-8). */
    String atom() {
        return run(false, false, "Expected an atom");
    }

    private String run(boolean bracket, boolean wildcards, String what) {
        int start = pos;
        while (pos < text.length) {
            int c = text[pos] & 0xff;
            if (atomChar(c) || (bracket && c == ']') || (wildcards && (c == '%' || c == '*'))) {
                pos++;
            } else {
                break;
            }
        }
        if (pos == start) {
            throw new IllegalArgumentException(what + near());
        }
        return new String(text, start, pos - start, StandardCharsets.UTF_8);
    }

    /** An atom that may contain ']' (ASTRING-CHAR), e.g. for flags like {@code $Label]}. */
    String astringAtom() {
        return run(true, false, "Expected a string");
    }

    String astring() {
        return astring(StandardCharsets.UTF_8);
    }

    String astring(Charset cs) {
        int c = peek();
        if (c == '"' || c == LITERAL) {
            return string(cs);
        }
        return astringAtom();
    }

    String string() {
        return string(StandardCharsets.UTF_8);
    }

    String string(Charset cs) {
        int c = peek();
        if (c == LITERAL) {
            Literal l = literal();
            if (l instanceof Literal.InMemory m) {
                return new String(m.bytes(), cs);
            }
            throw new IllegalArgumentException("Literal too long for a string argument");
        }
        if (c != '"') {
            throw new IllegalArgumentException("Expected a quoted string or literal" + near());
        }
        pos++;
        byte[] out = new byte[text.length - pos];
        int n = 0;
        while (true) {
            if (pos >= text.length) {
                throw new IllegalArgumentException("Unterminated quoted string");
            }
            byte b = text[pos++];
            if (b == '"') {
                break;
            }
            if (b == '\\') {
                if (pos >= text.length) {
                    throw new IllegalArgumentException("Unterminated quoted string");
                }
                b = text[pos++];
            }
            out[n++] = b;
        }
        return new String(out, 0, n, cs);
    }

    /** NIL or a string; NIL gives null. */
    String nstring() {
        if (peekWord("NIL")) {
            pos += 3;
            return null;
        }
        return string();
    }

    /** Whether the next characters are {@code word} (case-insensitive) followed by a delimiter. */
    boolean peekWord(String word) {
        if (pos + word.length() > text.length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.toUpperCase(text[pos + i]) != word.charAt(i)) {
                return false;
            }
        }
        int after = pos + word.length();
        return after == text.length || !atomChar(text[after] & 0xff);
    }

    /** A mailbox pattern of LIST: list-char run (atom chars, {@code % * ]}) or a string. */
    String listMailbox() {
        int c = peek();
        if (c == '"' || c == LITERAL) {
            return string();
        }
        return run(true, true, "Expected a mailbox pattern");
    }

    Literal literal() {
        if (pos < text.length || index + 1 >= parts.size()) {
            throw new IllegalArgumentException("Expected a literal" + near());
        }
        Literal l = ((RawCommand.Lit) parts.get(index + 1)).literal();
        index += 2;
        text = ((RawCommand.Text) parts.get(index)).bytes();
        pos = 0;
        return l;
    }

    long number() {
        int start = pos;
        long v = 0;
        while (pos < text.length && text[pos] >= '0' && text[pos] <= '9') {
            v = v * 10 + (text[pos] - '0');
            pos++;
            if (pos - start > 19) {
                throw new IllegalArgumentException("Number too large");
            }
        }
        if (pos == start) {
            throw new IllegalArgumentException("Expected a number" + near());
        }
        return v;
    }

    long number32() {
        long v = number();
        if (v > SequenceSet.MAX) {
            throw new IllegalArgumentException("Number out of range");
        }
        return v;
    }

    /** The raw characters up to the next space, ')' or end (for sequence sets, dates). */
    String token() {
        int start = pos;
        while (pos < text.length && text[pos] != ' ' && text[pos] != ')' && text[pos] != '(') {
            pos++;
        }
        if (pos == start) {
            throw new IllegalArgumentException("Missing argument" + near());
        }
        return new String(text, start, pos - start, StandardCharsets.ISO_8859_1);
    }

    /** Up to (not including) {@code c}, which must occur in the current text part. */
    String until(char c) {
        int start = pos;
        while (pos < text.length && text[pos] != c) {
            pos++;
        }
        if (pos >= text.length) {
            throw new IllegalArgumentException("Missing '" + c + "'");
        }
        return new String(text, start, pos - start, StandardCharsets.ISO_8859_1);
    }

    /** Flag: {@code \}atom or atom (the rest of the text up to SP or ')'). */
    String flag() {
        if (skip('\\')) {
            if (skip('*')) {
                return "\\*";
            }
            return "\\" + atom();
        }
        return astringAtom();
    }
}
