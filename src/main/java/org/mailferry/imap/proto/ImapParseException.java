package org.mailferry.imap.proto;

/**
 * A command that cannot be accepted, carrying how the server must answer: a tagged {@code BAD} (syntax), a
 * tagged {@code NO} (refused, e.g. a literal over the limit), or {@code BYE} and close (the stream can no
 * longer be followed, e.g. a non-synchronizing literal over the limit whose bytes are on their way).
 */
public final class ImapParseException extends Exception {
    public enum Kind { BAD, NO, BYE }

    private final Kind kind;
    private final String tag;
    private final String code;

    public ImapParseException(Kind kind, String tag, String code, String message) {
        super(message);
        this.kind = kind;
        this.tag = tag == null ? "*" : tag;
        this.code = code;
    }

    public static ImapParseException bad(String tag, String message) {
        return new ImapParseException(Kind.BAD, tag, null, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The command's tag, or {@code *} when none could be read. */
    public String tag() {
        return tag;
    }

    /** A response code such as {@code TOOBIG}, or null. */
    public String code() {
        return code;
    }
}
