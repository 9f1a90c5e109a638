package org.mailferry.imap.client;

/**
 * Quoting of IMAP strings (RFC 3501 §4.3 and §9 "quoted"): a string with only 7-bit characters other than
 * CR, LF and NUL is sent quoted with {@code \"} and {@code \\} escaped; anything else needs a literal.
 */
public final class ImapQuote {
    private ImapQuote() { }

    /** The quoted form, or null when the text needs a literal. */
    public static String quotedOrNull(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c == '\r' || c == '\n' || c > 0x7e) return null;
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** Quoted form for names the caller knows are 7-bit (mailbox names after modified UTF-7 encoding). */
    public static String astring(String s) {
        String q = quotedOrNull(s);
        if (q == null) throw new IllegalArgumentException("not 7-bit: needs a literal");
        return q;
    }
}
