package org.mailferry.imap.proto;

/**
 * The modified UTF-7 encoding of IMAP mailbox names (RFC 3501 §5.1.3): printable US-ASCII stands for itself
 * ({@code &} as {@code &-}); everything else is UTF-16 in modified BASE64 ({@code ,} for {@code /}, no padding)
 * between {@code &} and {@code -}.
 *
 * <p>{@link #decode} is strict: it refuses unterminated or malformed shifts, encoded printable ASCII, non-zero
 * padding bits, unpaired surrogates and raw bytes outside {@code 0x20-0x7e}, so every name has one spelling.
 */
public final class ModifiedUtf7 {
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".toCharArray();
    private static final int[] VALUE = new int[128];

    static {
        java.util.Arrays.fill(VALUE, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUE[ALPHABET[i]] = i;
        }
    }

    private ModifiedUtf7() {
    }

    public static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int j = i;
            while (j < s.length() && (s.charAt(j) < 0x20 || s.charAt(j) > 0x7e)) {
                j++;
            }
            out.append('&');
            int bits = 0;
            int nbits = 0;
            for (int k = i; k < j; k++) {
                bits = (bits << 16) | s.charAt(k);
                nbits += 16;
                while (nbits >= 6) {
                    nbits -= 6;
                    out.append(ALPHABET[(bits >> nbits) & 0x3f]);
                }
            }
            if (nbits > 0) {
                out.append(ALPHABET[(bits << (6 - nbits)) & 0x3f]);
            }
            out.append('-');
            i = j;
        }
        return out.toString();
    }

    /** Decodes; throws IllegalArgumentException naming the problem. */
    public static String decode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("Mailbox name has a character not allowed in modified UTF-7");
            }
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = s.indexOf('-', i + 1);
            if (end < 0) {
                throw new IllegalArgumentException("Unterminated modified UTF-7 sequence in mailbox name");
            }
            if (end == i + 1) {
                out.append('&');
                i = end + 1;
                continue;
            }
            int bits = 0;
            int nbits = 0;
            int start = out.length();
            for (int k = i + 1; k < end; k++) {
                char b = s.charAt(k);
                int v = b < 128 ? VALUE[b] : -1;
                if (v < 0) {
                    throw new IllegalArgumentException("Invalid modified BASE64 in mailbox name");
                }
                bits = (bits << 6) | v;
                nbits += 6;
                if (nbits >= 16) {
                    nbits -= 16;
                    char u = (char) ((bits >> nbits) & 0xffff);
                    if (u >= 0x20 && u <= 0x7e) {
                        throw new IllegalArgumentException("Printable ASCII encoded in modified UTF-7");
                    }
                    out.append(u);
                }
            }
            if (nbits >= 6 || (bits & ((1 << nbits) - 1)) != 0 || out.length() == start) {
                throw new IllegalArgumentException("Malformed modified UTF-7 sequence in mailbox name");
            }
            i = end + 1;
        }
        String r = out.toString();
        for (int k = 0; k < r.length(); k++) {
            char ch = r.charAt(k);
            if (Character.isHighSurrogate(ch)) {
                if (k + 1 >= r.length() || !Character.isLowSurrogate(r.charAt(k + 1))) {
                    throw new IllegalArgumentException("Unpaired surrogate in mailbox name");
                }
                k++;
            } else if (Character.isLowSurrogate(ch)) {
                throw new IllegalArgumentException("Unpaired surrogate in mailbox name");
            }
        }
        return r;
    }
}
