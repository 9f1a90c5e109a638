package org.mailferry.pop3.proto;

/** A refused POP3 command; the message (with an optional RFC 2449/3206 response code) is the -ERR text. */
public final class Pop3Exception extends Exception {
    private final String code;

    public Pop3Exception(String text) {
        this(null, text);
    }

    public Pop3Exception(String code, String text) {
        super(text, null, false, false);
        this.code = code;
    }

    /** A response code such as {@code IN-USE}, {@code AUTH}, {@code SYS/TEMP}, or null. */
    public String code() {
        return code;
    }

    /** The reply line without CRLF: {@code -ERR [CODE] text}. */
    public String replyLine() {
        return "-ERR " + (code != null ? "[" + code + "] " : "") + getMessage();
    }
}
