package org.mailferry.mime;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tokens of structured MIME header values (RFC 2045 §5.1 {@code token}, {@code quoted-string}, parameters),
 * skipping RFC 5322 comments. Used for Content-Type and Content-Disposition. Lenient: a broken parameter ends
 * the list instead of failing.
 */
final class HeaderTokens {
    private final String s;
    private int pos;

    HeaderTokens(String s) {
        this.s = s;
    }

    private void skipSpace() {
        pos = skipCfws(s, pos);
    }

    /** The position after white space and (nested) comments starting at {@code pos} (RFC 5322 CFWS). */
    static int skipCfws(String s, int pos) {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (c == '(') {
                int depth = 0;
                while (pos < s.length()) {
                    char d = s.charAt(pos++);
                    if (d == '\\') {
                        pos++;
                    } else if (d == '(') {
                        depth++;
                    } else if (d == ')' && --depth == 0) {
                        break;
                    }
                }
            } else {
                return pos;
            }
        }
        return pos;
    }

    private static boolean tokenChar(char c) {
        return c > ' ' && c < 0x7f && "()<>@,;:\\\"/[]?=".indexOf(c) < 0;
    }

    /** A token, or null when none is next. */
    String token() {
        skipSpace();
        int start = pos;
        while (pos < s.length() && (tokenChar(s.charAt(pos)) || s.charAt(pos) >= 0x80)) {
            pos++;
        }
        return pos > start ? s.substring(start, pos) : null;
    }

    boolean skip(char c) {
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** A quoted string's content (unescaped), or a token. */
    String value() {
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == '"') {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\' && pos < s.length()) {
                    c = s.charAt(pos++);
                }
                sb.append(c);
            }
            return sb.toString();
        }
        return token();
    }

    /** {@code *(";" name "=" value)}, names in lower case; stops at the first malformed parameter. */
    List<Map.Entry<String, String>> parameters() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        while (skip(';')) {
            String name = token();
            if (name == null) {
                if (pos >= s.length()) {
                    break;
                }
                continue;
            }
            if (!skip('=')) {
                break;
            }
            String v = value();
            if (v == null) {
                break;
            }
            if (out.size() < 100) {
                out.add(new AbstractMap.SimpleImmutableEntry<>(name.toLowerCase(Locale.ROOT), v));
            }
        }
        return out;
    }
}
