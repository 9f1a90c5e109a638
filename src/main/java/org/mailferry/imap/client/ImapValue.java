package org.mailferry.imap.client;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One parsed element of an IMAP response (RFC 3501 §9 "formal syntax"): an atom, a string (quoted or
 * literal held in memory), NIL, a parenthesised list, or a literal that a {@link LiteralSink} took over
 * (for message bodies that must not sit on the heap).
 */
public sealed interface ImapValue {

    /** An atom, number or flag, e.g. {@code \Seen}, {@code 42}, {@code BODY[]}. */
    record Atom(String text) implements ImapValue { }

    /** A quoted string or an in-memory literal, as raw bytes. */
    record Str(byte[] bytes) implements ImapValue {
        public String utf8() { return new String(bytes, StandardCharsets.UTF_8); }
    }

    /** {@code NIL}. */
    enum Nil implements ImapValue { NIL }

    /** {@code ( ... )}. */
    record ListVal(List<ImapValue> items) implements ImapValue { }

    /** A literal whose bytes went to a {@link LiteralSink}; {@code handle} is what the sink returned. */
    record Taken(long length, Object handle) implements ImapValue { }

    /** Text of an atom or string value; null for NIL, lists and taken literals. */
    static String text(ImapValue v) {
        return switch (v) {
            case Atom a -> a.text();
            case Str s -> s.utf8();
            default -> null;
        };
    }
}
