package org.mailferry.imap.client;

/** The server sent something that is not IMAP (RFC 3501 §9) or breaks a limit; the connection is unusable. */
public class ImapProtocolException extends RuntimeException {
    public ImapProtocolException(String message) { super(message); }
}
