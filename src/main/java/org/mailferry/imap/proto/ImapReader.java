package org.mailferry.imap.proto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailferry.net.LineReader;
import org.mailferry.net.LineTooLongException;

/**
 * Reads IMAP commands from a stream: the tag, the command name and the argument text, with every literal
 * ({@code {n}}, {@code {n+}}) read as announced (RFC 3501 §4.3, §7.5; RFC 7888 LITERAL+/LITERAL-).
 *
 * <p>A literal's size is checked against the limit for that command <em>before</em> any byte of it is read or
 * any buffer is sized: a synchronizing literal over the limit is refused with {@code NO [TOOBIG]} (the client
 * then sends nothing more of the command), a non-synchronizing one with {@code BYE} since its bytes are already
 * on their way. Literals above the memory threshold are streamed to a temp file.
 *
 * <p>Does not interpret the arguments; {@link CommandParser} does. No socket, no store.
 */
public final class ImapReader {

    /** The largest literal accepted for a command, by command name (upper case). */
    @FunctionalInterface
    public interface LiteralLimit {
        long max(String command);
    }

    /** Sends the {@code +} continuation request for a synchronizing literal. */
    @FunctionalInterface
    public interface Continuation {
        void ready() throws IOException;
    }

    private final LineReader in;
    private final ImapLimits limits;
    private final Continuation continuation;

    public ImapReader(LineReader in, ImapLimits limits, Continuation continuation) {
        this.in = in;
        this.limits = limits;
        this.continuation = continuation;
    }

    /** Reads a bare line (AUTHENTICATE responses, IDLE's DONE); null at end of stream. */
    public String readLine() throws IOException {
        byte[] line = in.readLine(limits.maxLineLength());
        return line == null ? null : new String(line, StandardCharsets.UTF_8);
    }

    /**
     * Reads one command.
     *
     * @return the command, or null when the client closed the connection between commands
     * @throws ImapParseException when the command must be refused (its kind says how)
     * @throws LineTooLongException when a line exceeds the limit (consumed if {@code lineEnded()})
     */
    public RawCommand read(LiteralLimit literalLimit) throws IOException, ImapParseException {
        byte[] line = in.readLine(limits.maxLineLength());
        if (line == null) {
            return null;
        }
        int sp = indexOf(line, (byte) ' ', 0);
        int tagEnd = sp < 0 ? line.length : sp;
        if (tagEnd == 0 || !validTag(line, tagEnd)) {
            throw ImapParseException.bad("*", "Missing or invalid tag");
        }
        String tag = new String(line, 0, tagEnd, StandardCharsets.US_ASCII);
        if (sp < 0) {
            throw ImapParseException.bad(tag, "Missing command");
        }
        int nameEnd = sp + 1;
        while (nameEnd < line.length && line[nameEnd] != ' ' && line[nameEnd] != '{') {
            nameEnd++;
        }
        String name = new String(line, sp + 1, nameEnd - sp - 1, StandardCharsets.US_ASCII)
                .toUpperCase(Locale.ROOT);
        if (name.isEmpty() || !name.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || c == '-' || c == '.'
                || (c >= '0' && c <= '9'))) {
            throw ImapParseException.bad(tag, "Invalid command name");
        }
        long max = literalLimit.max(name);
        List<RawCommand.Part> parts = new ArrayList<>();
        long textBytes = 0;
        long literalBytes = 0;
        long memoryBytes = 0;
        int literals = 0;
        byte[] text = slice(line, nameEnd, line.length);
        try {
            while (true) {
                Marker m = marker(text);
                textBytes += text.length;
                if (textBytes > limits.maxLineLength()) {
                    throw new ImapParseException(ImapParseException.Kind.BYE, tag, null, "Command too long");
                }
                if (m == null) {
                    parts.add(new RawCommand.Text(text));
                    return new RawCommand(tag, name, parts);
                }
                parts.add(new RawCommand.Text(slice(text, 0, m.start)));
                literals++;
                if (m.size > max || literals > limits.maxLiterals()
                        || literalBytes + m.size > limits.maxCommandBytes()) {
                    String why = m.size > max ? "Literal of " + m.sizeText + " bytes is over the limit of "
                            + max : "Too many literal bytes in one command";
                    throw new ImapParseException(m.nonSync ? ImapParseException.Kind.BYE
                            : ImapParseException.Kind.NO, tag, "TOOBIG", why);
                }
                if (!m.nonSync) {
                    continuation.ready();
                }
                literalBytes += m.size;
                boolean inMemory = m.size <= limits.literalMemoryThreshold() && memoryBytes + m.size <= limits.commandMemory();
                if (inMemory) {
                    memoryBytes += m.size;
                }
                parts.add(new RawCommand.Lit(readLiteral(m.size, inMemory), m.nonSync));
                byte[] next = in.readLine(limits.maxLineLength());
                if (next == null) {
                    throw new java.io.EOFException("connection closed inside a command");
                }
                text = next;
            }
        } catch (IOException | ImapParseException | RuntimeException e) {
            new RawCommand(tag, name, parts).close();
            throw e;
        }
    }

    private Literal readLiteral(long size, boolean inMemory) throws IOException {
        if (inMemory) {
            byte[] b = new byte[(int) size];
            in.readFully(b);
            return new Literal.InMemory(b);
        }
        Files.createDirectories(limits.tempDir());
        Path file = Files.createTempFile(limits.tempDir(), "literal-", ".tmp");
        try (OutputStream out = Files.newOutputStream(file)) {
            copy(in, out, size);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new Literal.Spooled(file, size);
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new java.io.EOFException("connection closed inside a literal");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private record Marker(int start, long size, String sizeText, boolean nonSync) {
    }

    /** The literal marker ending {@code text}, or null. Sizes beyond any limit are capped, not overflowed. */
    private static Marker marker(byte[] text) {
        int n = text.length;
        if (n < 3 || text[n - 1] != '}') {
            return null;
        }
        int i = n - 2;
        boolean nonSync = false;
        if (text[i] == '+' || text[i] == '-') { // '-' is not valid but reads as the same marker
            nonSync = text[i] == '+';
            if (text[i] == '-') {
                return null;
            }
            i--;
        }
        int digitsEnd = i + 1;
        while (i >= 0 && text[i] >= '0' && text[i] <= '9') {
            i--;
        }
        if (i < 0 || text[i] != '{' || i + 1 == digitsEnd) {
            return null;
        }
        long size = 0;
        for (int k = i + 1; k < digitsEnd; k++) {
            size = size * 10 + (text[k] - '0');
            if (size > Long.MAX_VALUE / 20) {
                size = Long.MAX_VALUE / 2;
                break;
            }
        }
        String sizeText = new String(text, i + 1, Math.min(digitsEnd - i - 1, 24), StandardCharsets.US_ASCII);
        return new Marker(i, size, sizeText, nonSync);
    }

    private static boolean validTag(byte[] line, int end) {
        for (int i = 0; i < end; i++) {
            int c = line[i] & 0xff;
            if (c <= 0x20 || c >= 0x7f || c == '(' || c == ')' || c == '{' || c == '%' || c == '*' || c == '"'
                    || c == '\\' || c == '+') {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }
}
