package org.mailferry.imap.client;

/** A command ended with NO or BAD (RFC 3501 §7.1.2–3); the connection is still usable. */
public class ImapCommandException extends Exception {
    private final ImapCompletion completion;

    public ImapCommandException(String command, ImapCompletion completion) {
        super(command + " failed: " + completion.describe());
        this.completion = completion;
    }

    public ImapCompletion completion() { return completion; }
}
