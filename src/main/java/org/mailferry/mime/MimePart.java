package org.mailferry.mime;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One node of a message's MIME tree (RFC 2045, 2046) with byte offsets into the message, as IMAP needs them for
 * BODYSTRUCTURE and {@code BODY[section]} (RFC 3501 §6.4.5): where the part's header starts, where its body
 * starts, where the body ends, its Content-* fields, and its children (multipart) or encapsulated message
 * (message/rfc822, whose root part starts at this part's body).
 *
 * @param headerStart  offset of the part's first header line
 * @param bodyStart    offset just after the blank line ending the header
 * @param end          offset just after the body (before the CRLF that belongs to the next boundary)
 * @param lines        lines in the body
 * @param fields       the part's header fields (bounded; see {@link MimeParser})
 * @param type         media type, lower case (defaults applied)
 * @param subtype      media subtype, lower case
 * @param params       Content-Type parameters in order, names lower case, values unquoted
 * @param children     the parts of a multipart, else empty
 * @param message      the encapsulated message's root part for message/rfc822, else null
 */
public record MimePart(long headerStart, long bodyStart, long end, long lines, List<HeaderField> fields, String type,
                       String subtype, List<Map.Entry<String, String>> params, List<MimePart> children,
                       MimePart message) {

    public boolean multipart() {
        return type.equals("multipart");
    }

    public boolean rfc822() {
        return message != null;
    }

    public long bodySize() {
        return end - bodyStart;
    }

    public String field(String name) {
        return HeaderField.first(fields, name);
    }

    public String param(String name) {
        for (Map.Entry<String, String> e : params) {
            if (e.getKey().equals(name.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return null;
    }

    /** A byte range of the message. */
    public record Range(long start, long end) {
        public long length() {
            return end - start;
        }
    }

    /** The parts numbered 1.. below this one when it is the root of a message (RFC 3501 §6.4.5). */
    private static List<MimePart> subpartsOfMessage(MimePart root) {
        return root.multipart() ? root.children : List.of(root);
    }

    private List<MimePart> subparts() {
        if (multipart()) {
            return children;
        }
        if (message != null) {
            return subpartsOfMessage(message);
        }
        return List.of();
    }

    /** The part at {@code path} below this message root, or null when there is none. */
    public MimePart resolve(List<Integer> path) {
        List<MimePart> list = subpartsOfMessage(this);
        MimePart cur = null;
        for (int idx : path) {
            if (idx < 1 || idx > list.size()) {
                return null;
            }
            cur = list.get(idx - 1);
            list = cur.subparts();
        }
        return cur;
    }
}
