package org.mailferry.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses RFC 5322 address lists (§3.4) the way IMAP's ENVELOPE needs them (RFC 3501 §7.4.2): each mailbox as
 * display name, source route, local part and domain, with groups marked by start and end entries. Values stay
 * raw (encoded words are not decoded; 8-bit bytes kept). Lenient with real-world headers; never throws.
 */
public final class AddressParser {
    /**
     * One ENVELOPE address entry. A group start has {@code mailbox} = group name and null host; a group end has
     * everything null.
     */
    public record Address(String name, String route, String mailbox, String host) {
        public static Address groupStart(String name) {
            return new Address(null, null, name, null);
        }

        public static final Address GROUP_END = new Address(null, null, null, null);
    }

    private final String s;
    private int pos;

    private AddressParser(String s) {
        this.s = s;
    }

    public static List<Address> parse(String value) {
        List<Address> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        AddressParser p = new AddressParser(value);
        while (p.pos < p.s.length() && out.size() < 1000) {
            int before = p.pos;
            p.entry(out);
            p.skipSpace();
            if (p.pos < p.s.length() && (p.s.charAt(p.pos) == ',' || p.s.charAt(p.pos) == ';')) {
                p.pos++;
            } else if (p.pos == before) {
                p.pos++; // skip a stray character
            }
        }
        return out;
    }

    private void skipSpace() {
        pos = HeaderTokens.skipCfws(s, pos);
    }

    /** A phrase of words (atoms and quoted strings, kept with their quotes removed) up to a special. */
    private String phrase(String stops) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            skipSpace();
            if (pos >= s.length()) {
                break;
            }
            char c = s.charAt(pos);
            if (stops.indexOf(c) >= 0) {
                break;
            }
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            if (c == '"') {
                pos++;
                while (pos < s.length()) {
                    char d = s.charAt(pos++);
                    if (d == '"') {
                        break;
                    }
                    if (d == '\\' && pos < s.length()) {
                        d = s.charAt(pos++);
                    }
                    sb.append(d);
                }
            } else {
                int start = pos;
                while (pos < s.length() && stops.indexOf(s.charAt(pos)) < 0 && " \t\r\n(\"".indexOf(s.charAt(pos)) < 0) {
                    pos++;
                }
                if (pos == start) {
                    pos++;
                }
                sb.append(s, start, pos);
            }
        }
        return sb.toString();
    }

    private void entry(List<Address> out) {
        skipSpace();
        int save = pos;
        String words = phrase(",;:<@");
        if (pos < s.length() && s.charAt(pos) == ':') {
            pos++;
            out.add(Address.groupStart(words));
            while (true) {
                skipSpace();
                if (pos >= s.length()) {
                    break;
                }
                if (s.charAt(pos) == ';') {
                    pos++;
                    break;
                }
                if (s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                int before = pos;
                mailbox(out);
                if (pos == before) {
                    pos++;
                }
            }
            out.add(Address.GROUP_END);
            return;
        }
        pos = save;
        mailbox(out);
    }

    private void mailbox(List<Address> out) {
        skipSpace();
        int save = pos;
        String words = phrase(",;<@");
        if (pos < s.length() && s.charAt(pos) == '<') {
            pos++;
            String route = null;
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == '@') {
                int colon = s.indexOf(':', pos);
                int gt = s.indexOf('>', pos);
                if (colon > 0 && (gt < 0 || colon < gt)) {
                    route = s.substring(pos, colon).strip();
                    pos = colon + 1;
                }
            }
            Address a = addrSpec(words.isEmpty() ? null : words, route, ">");
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == '>') {
                pos++;
            }
            out.add(a);
            return;
        }
        pos = save;
        Address a = addrSpec(null, null, ",;");
        if (a.mailbox() != null && !a.mailbox().isEmpty() || a.host() != null) {
            out.add(a);
        }
    }

    private Address addrSpec(String name, String route, String stops) {
        String local = phrase("@" + stops);
        String host = null;
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == '@') {
            pos++;
            host = phrase(stops + ",;").replace(" ", "");
        }
        return new Address(name, route, local, host == null ? "" : host);
    }
}
