package org.mailferry.data;

/** Bad data-format text: says at which character position and what was expected there. */
public final class DataFormatException extends IllegalArgumentException {
    private final int position;
    private final String detail;

    public DataFormatException(int position, String message) {
        super("at position " + position + ": " + message);
        this.position = position;
        this.detail = message;
    }

    /** What was wrong, without the position. */
    public String detail() {
        return detail;
    }

    /** The 0-based character position of the problem in the text being parsed. */
    public int position() {
        return position;
    }
}
