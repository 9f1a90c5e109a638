package org.mailferry.mime;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a message's MIME structure (RFC 2045 §5, RFC 2046 §5.1) in one pass over a stream, recording byte
 * offsets rather than keeping bodies: the result is a {@link MimePart} tree for BODYSTRUCTURE and sections.
 *
 * <p>Lenient like the mail it meets: a missing or unparsable Content-Type is text/plain (message/rfc822 inside
 * multipart/digest); a multipart without boundary is a leaf; a missing close delimiter ends at the outer one or
 * at the end; lines end with CRLF or LF. Bounded: at most {@value #MAX_PARTS} parts and {@value #MAX_DEPTH}
 * levels (deeper structure is treated as leaf content), {@value #MAX_HEADER_BYTES} bytes of fields kept per
 * part, header lines kept up to {@value #MAX_LINE} bytes. Does not decode anything.
 */
public final class MimeParser {
    public static final int MAX_PARTS = 2000;
    public static final int MAX_DEPTH = 40;
    public static final int MAX_HEADER_BYTES = 64 * 1024;
    public static final int MAX_LINE = 16 * 1024;

    private final InputStream in;
    private final byte[] line = new byte[MAX_LINE];
    private int kept;          // bytes of the current line kept in `line` (without EOL)
    private long lineStart;    // offset of the current line
    private int lineLength;    // length of the current line including its EOL
    private int eol;           // 0 (last line without end), 1 (LF) or 2 (CRLF)
    private boolean eof;
    private long offset;       // offset after the current line
    private int prevEol;       // EOL length of the line consumed before the current one
    private long lineNo;       // lines consumed
    private long lfCount;      // line ends consumed
    private int parts;
    private final List<byte[]> boundaries = new ArrayList<>();

    private MimeParser(InputStream in) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 16 * 1024);
    }

    /** Parses a whole message. */
    public static MimePart parse(InputStream message) throws IOException {
        MimeParser p = new MimeParser(message);
        p.advance();
        return p.part("text", "plain", 0);
    }

    /**
     * Parses only the top-level header of a message of {@code size} bytes: fields, where the body starts, and
     * the Content-Type; no children (for ENVELOPE and header sections without reading whole bodies).
     */
    public static MimePart header(InputStream message, long size) throws IOException {
        MimeParser p = new MimeParser(message);
        p.advance();
        List<HeaderField> fields = p.header();
        long bodyStart = p.eof ? p.offset : p.lineStart;
        ContentType ct = ContentType.parse(HeaderField.first(fields, "Content-Type"), "text", "plain");
        return new MimePart(0, bodyStart, Math.max(bodyStart, size), 0, fields, ct.type, ct.subtype, ct.params,
                List.of(), null);
    }

    /** Reads the next line into the "current line" (or sets eof). */
    private void advance() throws IOException {
        lineStart = offset;
        kept = 0;
        lineLength = 0;
        eol = 0;
        int b;
        while ((b = in.read()) >= 0) {
            lineLength++;
            if (b == '\n') {
                eol = kept > 0 && line[kept - 1] == '\r' ? 2 : 1;
                if (eol == 2) {
                    kept--;
                }
                break;
            }
            if (kept < MAX_LINE) {
                line[kept++] = (byte) b;
            }
        }
        offset += lineLength;
        eof = lineLength == 0;
    }

    /** Consumes the current line. */
    private void consume() throws IOException {
        prevEol = eol;
        lineNo++;
        if (eol > 0) {
            lfCount++;
        }
        advance();
    }

    /** -1: not a boundary line; else the index of the matching boundary, +1000 when it is a close delimiter. */
    private int boundaryMatch() {
        if (eof || kept < 3 || line[0] != '-' || line[1] != '-') {
            return -1;
        }
        for (int i = boundaries.size() - 1; i >= 0; i--) {
            byte[] bd = boundaries.get(i);
            if (kept < 2 + bd.length) {
                continue;
            }
            boolean same = true;
            for (int k = 0; k < bd.length && same; k++) {
                same = line[2 + k] == bd[k];
            }
            if (!same) {
                continue;
            }
            int p = 2 + bd.length;
            boolean close = kept >= p + 2 && line[p] == '-' && line[p + 1] == '-';
            if (close) {
                p += 2;
            }
            while (p < kept && (line[p] == ' ' || line[p] == '\t')) {
                p++;
            }
            if (p == kept) {
                return close ? i + 1000 : i;
            }
        }
        return -1;
    }

    /** The end offset of a body that stops before the current (boundary) line. */
    private long endBeforeCurrent(long bodyStart) {
        if (eof) {
            return offset;
        }
        return Math.max(bodyStart, lineStart - prevEol);
    }

    /** Line ends in a body that began when {@code lfCount} was {@code bodyLf} and ends before the current line. */
    private long lines(long bodyStart, long bodyLf) {
        boolean cut = !eof && prevEol > 0 && lineStart - prevEol >= bodyStart;
        return lfCount - bodyLf - (cut ? 1 : 0);
    }

    private MimePart part(String defaultType, String defaultSubtype, int depth) throws IOException {
        parts++;
        long headerStart = lineStart;
        List<HeaderField> fields = header();
        long bodyStart = eof ? offset : lineStart;
        long bodyLine = lfCount;
        ContentType ct = ContentType.parse(HeaderField.first(fields, "Content-Type"), defaultType, defaultSubtype);
        boolean deeper = depth < MAX_DEPTH && parts < MAX_PARTS;
        String boundary = ct.type.equals("multipart") ? ct.param("boundary") : null;
        if (deeper && boundary != null && !boundary.isEmpty() && boundary.length() <= 200) {
            return multipart(headerStart, bodyStart, bodyLine, fields, ct, boundary, depth);
        }
        if (deeper && ct.type.equals("message") && (ct.subtype.equals("rfc822") || ct.subtype.equals("global"))) {
            MimePart nested = part("text", "plain", depth + 1);
            return new MimePart(headerStart, bodyStart, nested.end(), lines(bodyStart, bodyLine), fields, ct.type,
                    ct.subtype, ct.params, List.of(), nested);
        }
        while (!eof && boundaryMatch() < 0) {
            consume();
        }
        long end = endBeforeCurrent(bodyStart);
        List<MimePart> children = ct.type.equals("multipart") ? List.of(empty(end)) : List.of();
        return new MimePart(headerStart, bodyStart, end, lines(bodyStart, bodyLine), fields, ct.type, ct.subtype,
                ct.params, children, null);
    }

    /** The empty text/plain part a multipart without parts is given (as Dovecot does), so BODYSTRUCTURE stays valid. */
    private static MimePart empty(long at) {
        return new MimePart(at, at, at, 0, List.of(), "text", "plain",
                List.of(new AbstractMap.SimpleImmutableEntry<>("charset", "us-ascii")), List.of(), null);
    }

    private MimePart multipart(long headerStart, long bodyStart, long bodyLine, List<HeaderField> fields,
                               ContentType ct, String boundary, int depth) throws IOException {
        boundaries.add(boundary.getBytes(StandardCharsets.ISO_8859_1));
        int mine = boundaries.size() - 1;
        List<MimePart> children = new ArrayList<>();
        String childType = ct.subtype.equals("digest") ? "message" : "text";
        String childSubtype = ct.subtype.equals("digest") ? "rfc822" : "plain";
        long end;
        try {
            while (true) {
                if (eof) {
                    end = offset;
                    break;
                }
                int m = boundaryMatch();
                if (m == mine) {
                    consume();
                    children.add(part(childType, childSubtype, depth + 1));
                    continue;
                }
                if (m == mine + 1000) {
                    consume();
                    while (!eof && boundaryMatch() < 0) {
                        consume(); // epilogue
                    }
                    end = endBeforeCurrent(bodyStart);
                    break;
                }
                if (m >= 0) {
                    end = endBeforeCurrent(bodyStart); // an outer boundary: this multipart was not closed
                    break;
                }
                consume(); // preamble
            }
        } finally {
            boundaries.remove(mine);
        }
        if (children.isEmpty()) {
            children.add(empty(end));
        }
        return new MimePart(headerStart, bodyStart, end, lines(bodyStart, bodyLine), fields, ct.type, ct.subtype,
                ct.params, List.copyOf(children), null);
    }

    /** Reads header fields up to and including the blank line; stops without consuming at a boundary line. */
    private List<HeaderField> header() throws IOException {
        List<HeaderField> fields = new ArrayList<>();
        StringBuilder name = null;
        StringBuilder value = null;
        int keptBytes = 0;
        while (!eof) {
            if (kept == 0 && eol > 0) {
                consume(); // the blank line
                break;
            }
            if (boundaryMatch() >= 0) {
                break;
            }
            boolean continuation = kept > 0 && (line[0] == ' ' || line[0] == '\t');
            if (continuation && value != null) {
                if (keptBytes + kept <= MAX_HEADER_BYTES) {
                    value.append(new String(line, 0, kept, StandardCharsets.ISO_8859_1));
                    keptBytes += kept;
                }
                consume();
                continue;
            }
            int colon = indexOfColon();
            if (colon <= 0) {
                if (continuation) {
                    consume();
                    continue;
                }
                break; // not a header line: the body starts here
            }
            if (name != null) {
                fields.add(field(name, value));
            }
            name = new StringBuilder(new String(line, 0, colon, StandardCharsets.ISO_8859_1).strip());
            int v = colon + 1;
            while (v < kept && (line[v] == ' ' || line[v] == '\t')) {
                v++;
            }
            value = new StringBuilder();
            if (keptBytes + kept <= MAX_HEADER_BYTES) {
                value.append(new String(line, v, kept - v, StandardCharsets.ISO_8859_1));
                keptBytes += kept;
            } else {
                name = null;
            }
            consume();
        }
        if (name != null) {
            fields.add(field(name, value));
        }
        return fields;
    }

    private static HeaderField field(StringBuilder name, StringBuilder value) {
        return new HeaderField(name.toString(), value.toString());
    }

    private int indexOfColon() {
        for (int i = 0; i < kept; i++) {
            byte b = line[i];
            if (b == ':') {
                return i;
            }
            if (b <= ' ' || b == 0x7f) {
                // field names are printable ASCII without spaces; allow trailing blanks before the colon
                int j = i;
                while (j < kept && (line[j] == ' ' || line[j] == '\t')) {
                    j++;
                }
                return j < kept && line[j] == ':' ? j : -1;
            }
        }
        return -1;
    }

    /** A parsed Content-Type (RFC 2045 §5.1). */
    record ContentType(String type, String subtype, List<Map.Entry<String, String>> params) {
        String param(String name) {
            for (Map.Entry<String, String> e : params) {
                if (e.getKey().equals(name)) {
                    return e.getValue();
                }
            }
            return null;
        }

        static ContentType parse(String value, String defType, String defSubtype) {
            List<Map.Entry<String, String>> params = new ArrayList<>();
            if (value == null) {
                if (defType.equals("text")) {
                    params.add(new AbstractMap.SimpleImmutableEntry<>("charset", "us-ascii"));
                }
                return new ContentType(defType, defSubtype, params);
            }
            HeaderTokens t = new HeaderTokens(value);
            String type = t.token();
            String sub = null;
            if (type != null && t.skip('/')) {
                sub = t.token();
            }
            if (type == null || sub == null) {
                return new ContentType("text", "plain",
                        List.of(new AbstractMap.SimpleImmutableEntry<>("charset", "us-ascii")));
            }
            params.addAll(t.parameters());
            String lt = type.toLowerCase(Locale.ROOT);
            if (lt.equals("text") && params.stream().noneMatch(e -> e.getKey().equals("charset"))) {
                params.add(new AbstractMap.SimpleImmutableEntry<>("charset", "us-ascii"));
            }
            return new ContentType(lt, sub.toLowerCase(Locale.ROOT), List.copyOf(params));
        }
    }
}
