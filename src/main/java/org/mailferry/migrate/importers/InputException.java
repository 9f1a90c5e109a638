package org.mailferry.migrate.importers;

/**
 * An input file that cannot be read at all (no header line, a duplicate field name, too large, not found): the
 * message starts with {@code file:line:}. Errors of single entries are not exceptions; they become report lines.
 */
public final class InputException extends Exception {
    private final transient Source source;

    public InputException(Source source, String message) {
        super(source + ": " + message);
        this.source = source;
    }

    public Source source() {
        return source;
    }
}
