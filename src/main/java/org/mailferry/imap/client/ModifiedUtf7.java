package org.mailferry.imap.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Modified UTF-7 for mailbox names (RFC 3501 §5.1.3): printable US-ASCII except {@code &} stands for
 * itself, {@code &} is {@code &-}, anything else is {@code &} + modified BASE64 of UTF-16BE + {@code -}
 * (BASE64 with {@code ,} instead of {@code /}, no padding). Pure functions, no I/O.
 */
public final class ModifiedUtf7 {
    private ModifiedUtf7() { }

    public static String encode(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '&') {
                sb.append("&-");
                i++;
            } else if (c >= 0x20 && c <= 0x7e) {
                sb.append(c);
                i++;
            } else {
                int j = i;
                while (j < s.length() && (s.charAt(j) < 0x20 || s.charAt(j) > 0x7e)) j++;
                byte[] utf16 = s.substring(i, j).getBytes(StandardCharsets.UTF_16BE);
                String b64 = Base64.getEncoder().withoutPadding().encodeToString(utf16).replace('/', ',');
                sb.append('&').append(b64).append('-');
                i = j;
            }
        }
        return sb.toString();
    }

    /** Decodes; throws {@link IllegalArgumentException} when the name is not valid modified UTF-7. */
    public static String decode(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) throw new IllegalArgumentException("8-bit or control character in '" + s + "'");
            if (c != '&') {
                sb.append(c);
                i++;
                continue;
            }
            int end = s.indexOf('-', i + 1);
            if (end < 0) throw new IllegalArgumentException("unterminated &-sequence in '" + s + "'");
            if (end == i + 1) {
                sb.append('&');
            } else {
                String raw = s.substring(i + 1, end);
                String b64 = raw.replace(',', '/');
                if (raw.indexOf('/') >= 0) {
                    throw new IllegalArgumentException("'/' inside &-sequence in '" + s + "'");
                }
                byte[] utf16;
                try {
                    utf16 = Base64.getDecoder().decode(b64);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad BASE64 in '" + s + "'");
                }
                if (utf16.length % 2 != 0) throw new IllegalArgumentException("odd UTF-16 length in '" + s + "'");
                String part = new String(utf16, StandardCharsets.UTF_16BE);
                sb.append(part);
            }
            i = end + 1;
        }
        return sb.toString();
    }

    /** Decodes, or returns the name unchanged when it is not valid modified UTF-7 (some servers send raw UTF-8). */
    public static String decodeLenient(String s) {
        try {
            return decode(s);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

}
