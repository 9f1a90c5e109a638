package org.mailferry.store;

/**
 * The IMAP system flags a message can carry (RFC 3501 §2.3.2). {@code \Recent} is not here: it belongs to a
 * session, see {@link Mailbox#isRecent(long)}.
 */
public enum Flag {
    SEEN("\\Seen", 'S'),
    ANSWERED("\\Answered", 'A'),
    FLAGGED("\\Flagged", 'F'),
    DELETED("\\Deleted", 'D'),
    DRAFT("\\Draft", 'T');

    private final String imapName;
    private final char letter;

    Flag(String imapName, char letter) {
        this.imapName = imapName;
        this.letter = letter;
    }

    /** The name as IMAP writes it, e.g. {@code \Seen}. */
    public String imapName() {
        return imapName;
    }

    /** The letter used in our From_ line and MailDir names (docs/formats.md), e.g. {@code S}. */
    public char letter() {
        return letter;
    }

    /** The bit of this flag in {@link Flags#systemBits()}. */
    public int bit() {
        return 1 << ordinal();
    }

    /** The flag named {@code name} (case-insensitive, with the backslash), or null. */
    public static Flag ofImapName(String name) {
        for (Flag f : values()) {
            if (f.imapName.equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    /** The flag written as {@code c} in our file formats, or null. */
    public static Flag ofLetter(char c) {
        for (Flag f : values()) {
            if (f.letter == c) {
                return f;
            }
        }
        return null;
    }
}
