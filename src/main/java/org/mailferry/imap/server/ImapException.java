package org.mailferry.imap.server;

import org.mailferry.store.StoreException;

/**
 * A command that failed with a tagged {@code NO} or {@code BAD} (and an optional response code, RFC 5530). The
 * text is public; details go to the log.
 */
final class ImapException extends Exception {
    private final String status;
    private final String code;

    ImapException(String status, String code, String text) {
        super(text, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ImapException no(String code, String text) {
        return new ImapException("NO", code, text);
    }

    static ImapException bad(String text) {
        return new ImapException("BAD", null, text);
    }

    /** A store failure as NO with the store's response code and public message. */
    static ImapException of(StoreException e) {
        return new ImapException("NO", e.reason().imapCode(), e.getMessage());
    }

    String status() {
        return status;
    }

    String code() {
        return code;
    }
}
