package org.mailferry.imap.proto;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The FETCH argument grammar (RFC 3501 §6.4.5 and §9 {@code fetch-att}, CHANGEDSINCE of RFC 7162). */
final class FetchParser {
    private FetchParser() {
    }

    static ImapCommand fetch(String tag, Cursor c, boolean uid) {
        c.sp();
        SequenceSet set = CommandParser.sequenceSet(c);
        c.sp();
        List<FetchItem> items = new ArrayList<>();
        if (c.skip('(')) {
            do {
                items.add(item(c));
            } while (c.skip(' '));
            c.expect(')');
        } else if (c.peekWord("ALL")) {
            c.atom();
            items.addAll(macro("FLAGS INTERNALDATE RFC822_SIZE ENVELOPE"));
        } else if (c.peekWord("FAST")) {
            c.atom();
            items.addAll(macro("FLAGS INTERNALDATE RFC822_SIZE"));
        } else if (c.peekWord("FULL")) {
            c.atom();
            items.addAll(macro("FLAGS INTERNALDATE RFC822_SIZE ENVELOPE BODY"));
        } else {
            items.add(item(c));
        }
        long changedSince = -1;
        if (c.skip(' ')) {
            c.expect('(');
            if (!c.atom().equalsIgnoreCase("CHANGEDSINCE")) {
                throw new IllegalArgumentException("Unsupported fetch modifier");
            }
            c.sp();
            changedSince = c.number();
            c.expect(')');
        }
        if (uid && items.stream().noneMatch(i -> i instanceof FetchItem.Simple s && s.attr() == FetchItem.Attr.UID)) {
            items.add(0, new FetchItem.Simple(FetchItem.Attr.UID));
        }
        if (changedSince >= 0 && items.stream().noneMatch(i -> i instanceof FetchItem.Simple s
                && s.attr() == FetchItem.Attr.MODSEQ)) {
            items.add(new FetchItem.Simple(FetchItem.Attr.MODSEQ));
        }
        return new ImapCommand.Fetch(tag, uid, set, items, changedSince);
    }

    private static List<FetchItem> macro(String attrs) {
        List<FetchItem> out = new ArrayList<>();
        for (String a : attrs.split(" ")) {
            out.add(new FetchItem.Simple(FetchItem.Attr.valueOf(a)));
        }
        return out;
    }

    private static FetchItem item(Cursor c) {
        StringBuilder name = new StringBuilder();
        while (true) {
            int ch = c.peek();
            if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.') {
                name.append((char) ch);
                c.expect((char) ch);
            } else {
                break;
            }
        }
        String n = name.toString().toUpperCase(Locale.ROOT);
        if (n.isEmpty()) {
            throw new IllegalArgumentException("Expected a fetch attribute" + c.near());
        }
        if (c.peek() == '[') {
            boolean peek = switch (n) {
                case "BODY" -> false;
                case "BODY.PEEK" -> true;
                default -> throw new IllegalArgumentException("Unknown fetch attribute " + n + "[");
            };
            c.expect('[');
            Section section = section(c);
            c.expect(']');
            long start = -1;
            long length = -1;
            if (c.skip('<')) {
                start = c.number32();
                c.expect('.');
                length = c.number32();
                if (length == 0) {
                    throw new IllegalArgumentException("Partial length must not be zero");
                }
                c.expect('>');
            }
            return new FetchItem.Body(section, peek, start, length);
        }
        FetchItem.Attr attr = switch (n) {
            case "ENVELOPE" -> FetchItem.Attr.ENVELOPE;
            case "FLAGS" -> FetchItem.Attr.FLAGS;
            case "INTERNALDATE" -> FetchItem.Attr.INTERNALDATE;
            case "RFC822" -> FetchItem.Attr.RFC822;
            case "RFC822.HEADER" -> FetchItem.Attr.RFC822_HEADER;
            case "RFC822.SIZE" -> FetchItem.Attr.RFC822_SIZE;
            case "RFC822.TEXT" -> FetchItem.Attr.RFC822_TEXT;
            case "BODY" -> FetchItem.Attr.BODY;
            case "BODYSTRUCTURE" -> FetchItem.Attr.BODYSTRUCTURE;
            case "UID" -> FetchItem.Attr.UID;
            case "MODSEQ" -> FetchItem.Attr.MODSEQ;
            default -> throw new IllegalArgumentException("Unknown fetch attribute " + n);
        };
        return new FetchItem.Simple(attr);
    }

    /** section-spec inside the brackets. */
    static Section section(Cursor c) {
        List<Integer> part = new ArrayList<>();
        while (c.peek() >= '1' && c.peek() <= '9') {
            long p = c.number();
            if (p > 100_000) {
                throw new IllegalArgumentException("Part number too large");
            }
            part.add((int) p);
            if (!c.skip('.')) {
                return new Section(part, Section.Kind.ALL, List.of());
            }
        }
        if (c.peek() == ']') {
            if (!part.isEmpty()) {
                throw new IllegalArgumentException("Invalid section");
            }
            return Section.WHOLE;
        }
        StringBuilder kw = new StringBuilder();
        while (true) {
            int ch = c.peek();
            if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch == '.') {
                kw.append((char) ch);
                c.expect((char) ch);
            } else {
                break;
            }
        }
        Section.Kind kind = switch (kw.toString().toUpperCase(Locale.ROOT)) {
            case "HEADER" -> Section.Kind.HEADER;
            case "HEADER.FIELDS" -> Section.Kind.HEADER_FIELDS;
            case "HEADER.FIELDS.NOT" -> Section.Kind.HEADER_FIELDS_NOT;
            case "TEXT" -> Section.Kind.TEXT;
            case "MIME" -> {
                if (part.isEmpty()) {
                    throw new IllegalArgumentException("MIME needs a part number");
                }
                yield Section.Kind.MIME;
            }
            default -> throw new IllegalArgumentException("Invalid section " + kw);
        };
        List<String> fields = List.of();
        if (kind == Section.Kind.HEADER_FIELDS || kind == Section.Kind.HEADER_FIELDS_NOT) {
            c.sp();
            c.expect('(');
            fields = new ArrayList<>();
            do {
                fields.add(c.astring());
            } while (c.skip(' '));
            c.expect(')');
        }
        return new Section(part, kind, fields);
    }
}
