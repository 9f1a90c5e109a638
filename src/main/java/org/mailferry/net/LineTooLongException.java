package org.mailferry.net;

import java.io.IOException;

/**
 * A protocol line exceeded its limit. {@link #lineEnded()} tells whether the rest of the line was consumed
 * (the session may answer and go on) or not (the session should say goodbye and close).
 */
public final class LineTooLongException extends IOException {
    private final int limit;
    private final boolean lineEnded;

    public LineTooLongException(int limit, boolean lineEnded) {
        super("line longer than " + limit + " bytes");
        this.limit = limit;
        this.lineEnded = lineEnded;
    }

    public int limit() {
        return limit;
    }

    public boolean lineEnded() {
        return lineEnded;
    }
}
