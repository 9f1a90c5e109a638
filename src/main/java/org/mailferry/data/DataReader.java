package org.mailferry.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CGP data-format objects from text, one after another (a whole settings file, or the words of a CLI
 * command line).
 *
 * <p>Objects become: {@link String} (atom or quoted string; adjacent quoted strings concatenate),
 * {@link DataBlock} ({@code [base64]}, adjacent blocks concatenate), {@link List} ({@code ( … )}),
 * {@link Map} ({@code { key = value; … }}, insertion-ordered, duplicate keys refused), {@link Long}
 * ({@code #123}), {@link LocalDateTime} / {@link LocalDate} ({@code #Tdd-mm-yyyy_hh:mm:ss} /
 * {@code #Tdd-mm-yyyy}), {@link Boolean} ({@code #YES} / {@code #NO}), {@link IpAddress} ({@code #I[…]}) and
 * {@link Special} ({@code #NULL#}, {@code #TPAST}, {@code #TFUTURE}).
 *
 * <p>Reading is lenient where real CGP output is (unquoted atoms may hold {@code - _ . @ ! % : * / ~} and
 * 8-bit characters; whitespace and line ends may separate tokens) and strict elsewhere: every error is a
 * {@link DataFormatException} naming the character position and what was expected. Nesting depth is limited.
 */
public final class DataReader {
    static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;
    private int depth;

    public DataReader(String text) {
        this.text = text;
    }

    public int position() {
        return pos;
    }

    /** Moves back (or forward) to a position returned by {@link #position()}. */
    public void seek(int position) {
        if (position < 0 || position > text.length()) {
            throw new IndexOutOfBoundsException(position);
        }
        pos = position;
    }

    /** The next character after whitespace, or -1 at the end; nothing is consumed. */
    public int peek() {
        skipSpace();
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    /** True when only whitespace is left. */
    public boolean atEnd() {
        skipSpace();
        return pos >= text.length();
    }

    /** The rest of the text from the current position (after whitespace), unparsed. */
    public String rest() {
        skipSpace();
        return text.substring(pos);
    }

    /** Reads the next object; fails when there is none. */
    public Object read() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("expected a string, datablock, array or dictionary but the text ended");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '"' -> readQuotedRun();
            case '[' -> readDataBlockRun();
            case '(' -> readArray();
            case '{' -> readDictionary();
            case '#' -> readTyped();
            default -> {
                if (isAtomChar(c)) {
                    yield readAtom();
                }
                throw error("expected a string, datablock, array or dictionary but found " + describe(c));
            }
        };
    }

    /** Reads the next object and requires it to be a string (atom or quoted). */
    public String readString(String what) {
        skipSpace();
        int start = pos;
        Object o = read();
        if (o instanceof String s) {
            return s;
        }
        throw new DataFormatException(start, "expected " + what + " (a string) but found " + kind(o));
    }

    /** Fails unless only whitespace is left. */
    public void expectEnd() {
        skipSpace();
        if (pos < text.length()) {
            throw error("unexpected " + describe(text.charAt(pos)) + " after the end of the object");
        }
    }

    private String readAtom() {
        int start = pos;
        while (pos < text.length() && isAtomChar(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String readQuotedRun() {
        StringBuilder sb = new StringBuilder();
        readQuoted(sb);
        while (true) {
            int save = pos;
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '"') {
                readQuoted(sb);
            } else {
                pos = save;
                return sb.toString();
            }
        }
    }

    private void readQuoted(StringBuilder sb) {
        int open = pos;
        pos++; // opening quote
        while (true) {
            if (pos >= text.length()) {
                throw new DataFormatException(open, "the quoted string starting here has no closing '\"'");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\r' || c == '\n') {
                throw error("a line end inside a quoted string (write it as \\r or \\n)");
            }
            if (c != '\\') {
                sb.append(c);
                pos++;
                continue;
            }
            int esc = pos;
            pos++;
            if (pos >= text.length()) {
                throw new DataFormatException(esc, "a '\\' at the end of the text");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case 'r' -> sb.append('\r');
                case 'n', 'e' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'u' -> sb.appendCodePoint(readUnicodeEscape(esc));
                default -> {
                    if (isDigit(e) && pos + 1 < text.length() && isDigit(text.charAt(pos))
                            && isDigit(text.charAt(pos + 1))) {
                        int v = (e - '0') * 100 + (text.charAt(pos) - '0') * 10 + (text.charAt(pos + 1) - '0');
                        if (v > 255) {
                            throw new DataFormatException(esc, "the decimal escape \\" + text.substring(esc + 1,
                                    pos + 2) + " is over 255");
                        }
                        pos += 2;
                        sb.append((char) v);
                    } else {
                        throw new DataFormatException(esc, "unknown escape \\" + e
                                + " (expected \\\" \\\\ \\r \\n \\e \\t, \\u'hhhh' or three decimal digits)");
                    }
                }
            }
        }
    }

    private int readUnicodeEscape(int esc) {
        int close = text.indexOf('\'', pos + 1);
        if (pos >= text.length() || text.charAt(pos) != '\'' || close < 0 || close - pos - 1 < 1
                || close - pos - 1 > 6) {
            throw new DataFormatException(esc, "expected \\u'hhhh' (a hexadecimal code point in quotes)");
        }
        String hex = text.substring(pos + 1, close);
        try {
            int cp = Integer.parseInt(hex, 16);
            if (!Character.isValidCodePoint(cp)) {
                throw new NumberFormatException();
            }
            pos = close + 1;
            return cp;
        } catch (NumberFormatException ex) {
            throw new DataFormatException(esc, "\\u'" + hex + "' is not a hexadecimal Unicode code point");
        }
    }

    private DataBlock readDataBlockRun() {
        StringBuilder b64 = new StringBuilder();
        int start = pos;
        readDataBlock(b64);
        while (true) {
            int save = pos;
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '[') {
                readDataBlock(b64);
            } else {
                pos = save;
                break;
            }
        }
        try {
            return new DataBlock(Base64.getDecoder().decode(b64.toString()));
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(start, "the datablock is not valid base64: " + e.getMessage());
        }
    }

    private void readDataBlock(StringBuilder b64) {
        pos++; // '['
        while (true) {
            if (pos >= text.length()) {
                throw error("expected ']' to close the datablock but the text ended");
            }
            char c = text.charAt(pos);
            if (c == ']') {
                pos++;
                return;
            }
            if (isSpace(c)) {
                pos++;
                continue;
            }
            if (!(isAlnum(c) || c == '+' || c == '/' || c == '=')) {
                throw error("expected a base64 character or ']' in the datablock but found " + describe(c));
            }
            b64.append(c);
            pos++;
        }
    }

    private List<Object> readArray() {
        enter();
        pos++; // '('
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ')') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            list.add(read());
            skipSpace();
            if (pos >= text.length()) {
                throw error("expected ',' or ')' in the array but the text ended");
            }
            char c = text.charAt(pos++);
            if (c == ')') {
                depth--;
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ')' in the array but found " + describe(c));
            }
        }
    }

    private Map<String, Object> readDictionary() {
        enter();
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                throw error("expected a key or '}' in the dictionary but the text ended");
            }
            if (text.charAt(pos) == '}') {
                pos++;
                depth--;
                return map;
            }
            int keyPos = pos;
            char c = text.charAt(pos);
            String key;
            if (c == '"') {
                key = readQuotedRun();
            } else if (isAtomChar(c)) {
                key = readAtom();
            } else {
                throw error("expected a key (a string) or '}' in the dictionary but found " + describe(c));
            }
            skipSpace();
            expectChar('=', "after the key \"" + key + "\"");
            Object value = read();
            skipSpace();
            expectChar(';', "after the value of \"" + key + "\"");
            if (map.putIfAbsent(key, value) != null) {
                throw new DataFormatException(keyPos, "the key \"" + key + "\" appears twice in the dictionary");
            }
        }
    }

    private Object readTyped() {
        int start = pos;
        if (text.startsWith("#NULL#", pos)) {
            pos += 6;
            return Special.NULL;
        }
        if (text.startsWith("#TPAST", pos) && !atomContinues(pos + 6)) {
            pos += 6;
            return Special.PAST;
        }
        if (text.startsWith("#TFUTURE", pos) && !atomContinues(pos + 8)) {
            pos += 8;
            return Special.FUTURE;
        }
        if (text.startsWith("#YES", pos) && !atomContinues(pos + 4)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("#NO", pos) && !atomContinues(pos + 3)) {
            pos += 3;
            return Boolean.FALSE;
        }
        if (text.startsWith("#T", pos)) {
            return readTime(start);
        }
        if (text.startsWith("#I[", pos)) {
            return readIp(start);
        }
        pos++;
        int numStart = pos;
        if (pos < text.length() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
            pos++;
        }
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        String digits = text.substring(numStart, pos);
        if (digits.isEmpty() || digits.equals("-") || digits.equals("+") || atomContinues(pos)) {
            throw new DataFormatException(start,
                    "expected a typed atom (#123, #Tdd-mm-yyyy_hh:mm:ss, #I[addr], #NULL#, #YES, #NO) after '#'");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new DataFormatException(start, "the number " + digits + " is out of range");
        }
    }

    private Object readTime(int start) {
        pos += 2;
        int s = pos;
        while (pos < text.length() && (isDigit(text.charAt(pos)) || text.charAt(pos) == '-'
                || text.charAt(pos) == '_' || text.charAt(pos) == ':')) {
            pos++;
        }
        String t = text.substring(s, pos);
        try {
            if (t.length() == 10 && t.charAt(2) == '-' && t.charAt(5) == '-') {
                return LocalDate.of(num(t, 6, 10), num(t, 3, 5), num(t, 0, 2));
            }
            if (t.length() == 19 && t.charAt(2) == '-' && t.charAt(5) == '-' && t.charAt(10) == '_'
                    && t.charAt(13) == ':' && t.charAt(16) == ':') {
                return LocalDateTime.of(num(t, 6, 10), num(t, 3, 5), num(t, 0, 2), num(t, 11, 13),
                        num(t, 14, 16), num(t, 17, 19));
            }
        } catch (NumberFormatException | DateTimeException e) {
            throw new DataFormatException(start, "#T" + t + " is not a valid date: " + e.getMessage());
        }
        throw new DataFormatException(start, "expected a time #Tdd-mm-yyyy_hh:mm:ss, #Tdd-mm-yyyy, #TPAST or #TFUTURE");
    }

    private static int num(String t, int from, int to) {
        String p = t.substring(from, to);
        for (int i = 0; i < p.length(); i++) {
            if (!isDigit(p.charAt(i))) {
                throw new NumberFormatException("'" + p + "' is not a number");
            }
        }
        return Integer.parseInt(p);
    }

    private IpAddress readIp(int start) {
        int close = text.indexOf(']', pos + 3);
        if (close < 0) {
            throw new DataFormatException(start, "expected ']' to close the #I[ address");
        }
        String addr = text.substring(pos + 3, close);
        pos = close + 1;
        int port = -1;
        if (pos < text.length() && text.charAt(pos) == ':') {
            int s = ++pos;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == s || pos - s > 5) {
                throw new DataFormatException(start, "expected a port number after #I[" + addr + "]:");
            }
            port = Integer.parseInt(text.substring(s, pos));
        }
        try {
            return new IpAddress(addr, port);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(start, e.getMessage());
        }
    }

    private void expectChar(char c, String where) {
        if (pos >= text.length()) {
            throw error("expected '" + c + "' " + where + " but the text ended");
        }
        if (text.charAt(pos) != c) {
            throw error("expected '" + c + "' " + where + " but found " + describe(text.charAt(pos)));
        }
        pos++;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("arrays and dictionaries are nested more than " + MAX_DEPTH + " deep");
        }
    }

    private boolean atomContinues(int p) {
        return p < text.length() && isAtomChar(text.charAt(p));
    }

    private void skipSpace() {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
    }

    private DataFormatException error(String message) {
        return new DataFormatException(pos, message);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlnum(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isDigit(c);
    }

    /** Characters an unquoted atom may contain when reading (writing quotes all but letters and digits). */
    static boolean isAtomChar(char c) {
        if (isAlnum(c) || c >= 0x80) {
            return true;
        }
        return switch (c) {
            case '-', '_', '.', '@', '!', '%', ':', '*', '/', '~', '+', '&', '$', '\'', '?', '^', '|', '<', '>',
                 '#' -> true;
            default -> false;
        };
    }

    private static String describe(char c) {
        if (c < 0x20 || c == 0x7f) {
            return String.format("the control character 0x%02X", (int) c);
        }
        return "'" + c + "'";
    }

    static String kind(Object o) {
        return switch (o) {
            case String s -> "a string";
            case DataBlock d -> "a datablock";
            case List<?> l -> "an array";
            case Map<?, ?> m -> "a dictionary";
            case Long n -> "a number";
            default -> "a typed atom";
        };
    }
}
