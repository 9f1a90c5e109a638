package org.mailferry.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailferry.data.DataFormatException;
import org.mailferry.data.DataReader;

/**
 * The parameters of one CLI command line, read in order: strings (atoms or quoted), keywords such as
 * {@code INTO} or {@code PASSWORD}, dictionaries and arrays. Every problem is a {@link CliException} that
 * becomes a 501 reply naming what was expected.
 */
final class Args {
    private final DataReader reader;
    private final String command;
    private final int offset;

    /** {@code offset} is where {@code text} starts in the command line, so positions name the line's characters. */
    Args(String command, String text, int offset) {
        this.command = command;
        this.reader = new DataReader(text);
        this.offset = offset;
    }

    private String bad(String what, DataFormatException e) {
        return command + ": bad " + what + " at position " + (offset + e.position()) + ": " + e.detail();
    }

    private int pos() {
        return offset + reader.position();
    }

    /** A required string parameter. */
    String string(String what) {
        if (reader.atEnd()) {
            throw new CliException(command + ": missing " + what);
        }
        try {
            return reader.readString(what);
        } catch (DataFormatException e) {
            throw new CliException(bad(what, e));
        }
    }

    /** A string parameter that may be absent (the next token is not a string, or the line ended). */
    String optionalString() {
        int c = reader.peek();
        if (c == -1 || c == '{' || c == '(' || c == '[') {
            return null;
        }
        return string("string");
    }

    /** Consumes the keyword when it comes next (any case); says whether it did. */
    boolean keyword(String word) {
        int save = reader.position();
        int c = reader.peek();
        if (c == -1 || c == '"' || c == '{' || c == '(' || c == '[') {
            return false;
        }
        try {
            Object o = reader.read();
            if (o instanceof String s && s.equalsIgnoreCase(word)) {
                return true;
            }
        } catch (DataFormatException e) {
            // not a keyword
        }
        reader.seek(save);
        return false;
    }

    /** The next unquoted word in upper case, or null; nothing is consumed. */
    String peekWord() {
        int save = reader.position();
        int c = reader.peek();
        if (c == -1 || c == '"' || c == '{' || c == '(' || c == '[') {
            return null;
        }
        try {
            return reader.read() instanceof String s ? s.toUpperCase(Locale.ROOT) : null;
        } catch (DataFormatException e) {
            return null;
        } finally {
            reader.seek(save);
        }
    }

    void require(String word) {
        if (!keyword(word)) {
            throw new CliException(command + ": expected the keyword " + word.toUpperCase(Locale.ROOT)
                    + (reader.atEnd() ? " but the line ended" : " at position " + pos()));
        }
    }

    boolean nextIsDictionary() {
        return reader.peek() == '{';
    }

    boolean nextIsArray() {
        return reader.peek() == '(';
    }

    boolean atEnd() {
        return reader.atEnd();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> dictionary(String what) {
        if (!nextIsDictionary()) {
            throw new CliException(command + ": expected " + what + " (a dictionary {…})"
                    + (reader.atEnd() ? " but the line ended" : " at position " + pos()));
        }
        try {
            return (Map<String, Object>) reader.read();
        } catch (DataFormatException e) {
            throw new CliException(bad(what, e));
        }
    }

    /** An array of strings; a single string is taken as a one-element array. */
    List<String> stringArray(String what) {
        if (!nextIsArray()) {
            return List.of(string(what));
        }
        try {
            List<String> out = new ArrayList<>();
            for (Object o : (List<?>) reader.read()) {
                if (!(o instanceof String s)) {
                    throw new CliException(command + ": " + what + " must hold strings only");
                }
                out.add(s);
            }
            return out;
        } catch (DataFormatException e) {
            throw new CliException(bad(what, e));
        }
    }

    /** Fails when anything is left on the line. */
    void end() {
        if (!reader.atEnd()) {
            throw new CliException(command + ": unexpected parameter at position " + pos() + ": "
                    + abbreviate(reader.rest()));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
