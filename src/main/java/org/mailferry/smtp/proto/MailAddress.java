package org.mailferry.smtp.proto;

import java.util.Locale;

/**
 * An RFC 5321 mailbox {@code local-part@domain} as used in SMTP paths. The local part is kept as the client
 * wrote it, without quotes if they were not needed; the domain is kept, compared case-insensitively.
 * {@link #NULL} is the null reverse-path {@code <>}.
 */
public record MailAddress(String localPart, String domain) {
    public static final MailAddress NULL = new MailAddress("", "");

    public boolean isNull() {
        return localPart.isEmpty() && domain.isEmpty();
    }

    /** The domain in lower case (for look-ups). */
    public String domainKey() {
        return domain.toLowerCase(Locale.ROOT);
    }

    /** {@code local@domain}, quoting the local part when it is not a dot-atom. */
    public String address() {
        if (isNull()) {
            return "";
        }
        return (dotAtom(localPart) ? localPart : quote(localPart)) + "@" + domain;
    }

    /** The path form {@code <local@domain>} or {@code <>}. */
    public String path() {
        return "<" + address() + ">";
    }

    @Override
    public String toString() {
        return path();
    }

    static boolean dotAtom(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && !atext(c)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 5322 atext, with UTF-8 (RFC 6531) allowed. */
    static boolean atext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0 || c >= 0x80;
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** Parses {@code local@domain} (no angle brackets); throws IllegalArgumentException. */
    public static MailAddress parse(String s) {
        PathParser p = new PathParser(s, true);
        MailAddress a = p.mailbox();
        if (!p.atEnd()) {
            throw new IllegalArgumentException("Unexpected characters after address");
        }
        return a;
    }
}
