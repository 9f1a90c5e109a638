package org.mailferry.data;

/**
 * The typed atoms that carry no value: {@code #NULL#} and the time constants {@code #TPAST} and
 * {@code #TFUTURE}.
 */
public enum Special {
    NULL("#NULL#"),
    PAST("#TPAST"),
    FUTURE("#TFUTURE");

    private final String text;

    Special(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
