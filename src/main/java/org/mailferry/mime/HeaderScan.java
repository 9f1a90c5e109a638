package org.mailferry.mime;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds selected header fields in a raw message header (RFC 5322 §2.2): field name, colon, value with
 * folded lines joined. Only the first occurrence of each wanted field is kept; the scan stops at the
 * blank line ending the header or at the end of the given bytes. Pure codec; values are read as ISO-8859-1.
 */
public final class HeaderScan {
    private HeaderScan() {
    }

    /**
     * The wanted fields (names lower-case) of the header starting at {@code off}.
     *
     * @return lower-case name → unfolded, trimmed value
     */
    public static Map<String, String> fields(byte[] b, int off, int len, Set<String> wanted) {
        Map<String, String> out = new HashMap<>();
        int end = off + len;
        int i = off;
        String current = null;
        StringBuilder value = null;
        while (i < end) {
            int lineEnd = i;
            while (lineEnd < end && b[lineEnd] != '\n') {
                lineEnd++;
            }
            int contentEnd = lineEnd > i && b[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd == i) {
                break; // blank line: end of header
            }
            if ((b[i] == ' ' || b[i] == '\t') && value != null) {
                value.append(' ').append(new String(b, i, contentEnd - i, StandardCharsets.ISO_8859_1).trim());
            } else {
                if (current != null) {
                    out.putIfAbsent(current, value.toString().trim());
                }
                current = null;
                value = null;
                int colon = i;
                while (colon < contentEnd && b[colon] != ':') {
                    colon++;
                }
                if (colon < contentEnd) {
                    String name = new String(b, i, colon - i, StandardCharsets.ISO_8859_1).trim()
                            .toLowerCase(Locale.ROOT);
                    if (wanted.contains(name) && !out.containsKey(name)) {
                        current = name;
                        value = new StringBuilder(new String(b, colon + 1, contentEnd - colon - 1,
                                StandardCharsets.ISO_8859_1));
                    }
                }
            }
            i = lineEnd + 1;
        }
        if (current != null) {
            out.putIfAbsent(current, value.toString().trim());
        }
        return out;
    }
}
