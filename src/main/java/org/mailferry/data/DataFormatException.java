package org.mailferry.data;

/** Bad data-format text: says at which character position and what was expected there. */
public final class DataFormatException extends IllegalArgumentException {
    private final int position;

    public DataFormatException(int position, String message) {
        super("at position " + position + ": " + message);
        this.position = position;
    }

    /** The 0-based character position of the problem in the text being parsed. */
    public int position() {
        return position;
    }
}
