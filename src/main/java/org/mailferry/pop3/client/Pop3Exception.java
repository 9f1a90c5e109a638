package org.mailferry.pop3.client;

/**
 * The POP3 server answered {@code -ERR} (RFC 1939 §3); the text is the server's. {@link #code()} is its
 * response code (RFC 2449 §8, RFC 3206), e.g. {@code IN-USE}, {@code SYS/TEMP}, {@code AUTH}, or "".
 */
public class Pop3Exception extends Exception {
    private final String code;

    public Pop3Exception(String message) { this(message, ""); }

    public Pop3Exception(String message, String code) {
        super(message);
        this.code = code == null ? "" : code;
    }

    public String code() { return code; }

    /** IN-USE or SYS/TEMP: trying again later may succeed (RFC 2449 §8.1.2, RFC 3206 §4). */
    public boolean temporary() { return code.equalsIgnoreCase("IN-USE") || code.toUpperCase(java.util.Locale.ROOT).startsWith("SYS/TEMP"); }
}
