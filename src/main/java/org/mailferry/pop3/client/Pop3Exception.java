package org.mailferry.pop3.client;

/** The POP3 server answered {@code -ERR} (RFC 1939 §3); the text is the server's. */
public class Pop3Exception extends Exception {
    public Pop3Exception(String message) { super(message); }
}
