package org.mailferry.smtp.proto;

/**
 * Parses SMTP paths (RFC 5321 §4.1.2 {@code Path}, {@code Mailbox}), with UTF-8 allowed (RFC 6531). Source
 * routes ({@code <@a,@b:u@d>}) are read and dropped as §C allows. Errors are IllegalArgumentExceptions with
 * a message fit for a 501/553 reply.
 */
final class PathParser {
    private final String s;
    private final boolean utf8;
    private int pos;

    PathParser(String s, boolean utf8) {
        this.s = s;
        this.utf8 = utf8;
    }

    boolean atEnd() {
        return pos >= s.length();
    }

    int pos() {
        return pos;
    }

    /**
     * A path in angle brackets: {@code <>} when {@code allowNull}, {@code <postmaster>} when
     * {@code allowPostmaster}, else a mailbox. Missing brackets are tolerated.
     */
    MailAddress path(boolean allowNull, boolean allowPostmaster) {
        boolean bracket = peek() == '<';
        if (bracket) {
            pos++;
            if (peek() == '>') {
                if (!allowNull) {
                    throw new IllegalArgumentException("Empty address not allowed here");
                }
                pos++;
                return MailAddress.NULL;
            }
            if (peek() == '@') {
                int colon = s.indexOf(':', pos);
                if (colon < 0) {
                    throw new IllegalArgumentException("Invalid source route");
                }
                pos = colon + 1;
            }
        }
        MailAddress a;
        int save = pos;
        if (allowPostmaster && s.regionMatches(true, pos, "postmaster", 0, 10)
                && (pos + 10 == s.length() || s.charAt(pos + 10) == '>' || s.charAt(pos + 10) == ' ')) {
            pos += 10;
            a = new MailAddress("postmaster", "");
        } else {
            pos = save;
            a = mailbox();
        }
        if (bracket) {
            if (peek() != '>') {
                throw new IllegalArgumentException("Missing '>' after address");
            }
            pos++;
        }
        return a;
    }

    MailAddress mailbox() {
        String local = peek() == '"' ? quoted() : dotString();
        if (peek() != '@') {
            throw new IllegalArgumentException("Address must be local-part@domain");
        }
        pos++;
        String domain = peek() == '[' ? addressLiteral() : domain();
        if (local.length() > 256) {
            throw new IllegalArgumentException("Local part too long");
        }
        return new MailAddress(local, domain);
    }

    private int peek() {
        return pos < s.length() ? s.charAt(pos) : -1;
    }

    private String dotString() {
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '.' || MailAddress.atext(c)) {
                if (c >= 0x80 && !utf8) {
                    throw new IllegalArgumentException("8-bit address needs SMTPUTF8");
                }
                pos++;
            } else {
                break;
            }
        }
        String l = s.substring(start, pos);
        if (!MailAddress.dotAtom(l)) {
            throw new IllegalArgumentException("Invalid local part");
        }
        return l;
    }

    private String quoted() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new IllegalArgumentException("Unterminated quoted local part");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (pos >= s.length()) {
                    throw new IllegalArgumentException("Unterminated quoted local part");
                }
                c = s.charAt(pos++);
            }
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && !utf8)) {
                throw new IllegalArgumentException("Invalid character in quoted local part");
            }
            sb.append(c);
        }
        if (sb.isEmpty()) {
            throw new IllegalArgumentException("Empty local part");
        }
        return sb.toString();
    }

    private String domain() {
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || (c >= 0x80 && utf8)) {
                pos++;
            } else {
                break;
            }
        }
        String d = s.substring(start, pos);
        if (d.isEmpty() || d.length() > 255) {
            throw new IllegalArgumentException("Invalid domain");
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.startsWith("-") || label.endsWith("-") || label.length() > 63) {
                throw new IllegalArgumentException("Invalid domain " + d);
            }
        }
        return d;
    }

    private String addressLiteral() {
        int end = s.indexOf(']', pos);
        if (end < 0) {
            throw new IllegalArgumentException("Unterminated address literal");
        }
        String lit = s.substring(pos, end + 1);
        String inner = lit.substring(1, lit.length() - 1);
        boolean ok = inner.matches("(\\d{1,3}\\.){3}\\d{1,3}")
                || (inner.regionMatches(true, 0, "IPv6:", 0, 5) && inner.substring(5).matches("[0-9A-Fa-f:.]+"));
        if (!ok) {
            throw new IllegalArgumentException("Invalid address literal");
        }
        pos = end + 1;
        return lit;
    }
}
