package org.mailferry.imap.proto;

import java.util.List;

/**
 * One IMAP command as read from the wire: its tag, its name (upper case), and its arguments as alternating
 * text and literal parts. Owns its literals: {@link #close()} deletes spooled ones.
 */
public record RawCommand(String tag, String name, List<Part> parts) implements AutoCloseable {

    /** A piece of the command: text from a line, or a literal. */
    public sealed interface Part {
    }

    /** Text bytes of one line, without the line end and without a trailing literal marker. */
    public record Text(byte[] bytes) implements Part {
    }

    /** A literal that followed the preceding text. */
    public record Lit(Literal literal, boolean nonSynchronizing) implements Part {
    }

    public RawCommand {
        parts = List.copyOf(parts);
    }

    @Override
    public void close() {
        for (Part p : parts) {
            if (p instanceof Lit l) {
                l.literal().close();
            }
        }
    }
}
