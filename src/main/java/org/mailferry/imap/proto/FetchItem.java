package org.mailferry.imap.proto;

/**
 * One data item of FETCH (RFC 3501 §6.4.5; MODSEQ from RFC 7162). The macros ALL, FAST and FULL are expanded
 * by the parser.
 */
public sealed interface FetchItem {
    enum Attr { ENVELOPE, FLAGS, INTERNALDATE, RFC822, RFC822_HEADER, RFC822_SIZE, RFC822_TEXT, BODY, BODYSTRUCTURE,
        UID, MODSEQ }

    /** A plain attribute. */
    record Simple(Attr attr) implements FetchItem {
    }

    /**
     * {@code BODY[section]<start.length>} or {@code BODY.PEEK[...]}; {@code start} is -1 without a partial.
     */
    record Body(Section section, boolean peek, long start, long length) implements FetchItem {
        public boolean partial() {
            return start >= 0;
        }

        /** The name under which the item is returned, e.g. {@code BODY[1.TEXT]<0>}. */
        public String responseName() {
            return "BODY[" + section.wire() + "]" + (partial() ? "<" + start + ">" : "");
        }
    }

    /** Whether fetching this item sets {@code \Seen} (RFC 3501: BODY[...] without PEEK, RFC822, RFC822.TEXT). */
    static boolean setsSeen(FetchItem item) {
        return switch (item) {
            case Body b -> !b.peek();
            case Simple s -> s.attr() == Attr.RFC822 || s.attr() == Attr.RFC822_TEXT;
        };
    }
}
