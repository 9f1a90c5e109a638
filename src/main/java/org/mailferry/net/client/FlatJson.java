package org.mailferry.net.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the members of a JSON object (RFC 8259) whose values are strings, numbers, booleans or null, as an OAuth
 * token endpoint answers; nested objects and arrays are skipped. For these small answers only: the input is a
 * string already bounded by the caller. Malformed input is an {@link IllegalArgumentException}.
 */
final class FlatJson {
    private final String s;
    private int i;

    private FlatJson(String s) {
        this.s = s;
    }

    static Map<String, Object> parse(String json) {
        FlatJson p = new FlatJson(json);
        p.space();
        p.expect('{');
        Map<String, Object> out = new LinkedHashMap<>();
        p.space();
        if (p.peek() == '}') return out;
        while (true) {
            p.space();
            String k = p.string();
            p.space();
            p.expect(':');
            p.space();
            Object v = p.value(0);
            if (v != SKIPPED) out.put(k, v);
            p.space();
            if (p.peek() == ',') {
                p.i++;
                continue;
            }
            p.expect('}');
            return out;
        }
    }

    private static final Object SKIPPED = new Object();

    private Object value(int depth) {
        if (depth > 32) throw new IllegalArgumentException("JSON nested too deeply");
        char c = peek();
        if (c == '"') return string();
        if (c == '{' || c == '[') {
            char close = c == '{' ? '}' : ']';
            i++;
            space();
            if (peek() == close) {
                i++;
                return SKIPPED;
            }
            while (true) {
                space();
                if (close == '}') {
                    string();
                    space();
                    expect(':');
                    space();
                }
                value(depth + 1);
                space();
                if (peek() == ',') {
                    i++;
                    continue;
                }
                expect(close);
                return SKIPPED;
            }
        }
        int start = i;
        while (i < s.length() && "+-0123456789.eEtruefalsn".indexOf(s.charAt(i)) >= 0) i++;
        String word = s.substring(start, i);
        switch (word) {
            case "true": return Boolean.TRUE;
            case "false": return Boolean.FALSE;
            case "null": return null;
            default:
                try {
                    return word.contains(".") || word.contains("e") || word.contains("E") ? (Object) Double.parseDouble(word) : (Object) Long.parseLong(word);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a JSON value at " + start);
                }
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= s.length()) throw new IllegalArgumentException("unterminated JSON string");
            char c = s.charAt(i++);
            if (c == '"') return b.toString();
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) throw new IllegalArgumentException("unterminated JSON string");
            char e = s.charAt(i++);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (i + 4 > s.length()) throw new IllegalArgumentException("bad \\u escape");
                    b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> b.append(e); // \" \\ \/
            }
        }
    }

    private char peek() {
        if (i >= s.length()) throw new IllegalArgumentException("JSON ends early");
        return s.charAt(i);
    }

    private void expect(char c) {
        if (peek() != c) throw new IllegalArgumentException("expected '" + c + "' at " + i);
        i++;
    }

    private void space() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
    }
}
