package org.mailferry.migrate.importers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an input text file as numbered lines for the line-oriented parsers (account lists, passwd, shadow,
 * aliases): LF or CR LF line ends, a leading UTF-8 byte-order mark dropped, each line decoded as strict UTF-8.
 * A line that is not UTF-8 or is longer than {@link #MAX_LINE} bytes comes back with an error instead of text, so
 * the parser can report that line and go on. Files over {@link #MAX_FILE} bytes are refused whole.
 */
final class TextFile {
    static final long MAX_FILE = 1L << 30;
    static final int MAX_LINE = 64 * 1024;

    /** One line: {@code text} without its line end, or {@code error} saying why it cannot be read. */
    record Line(int number, String text, String error) {
    }

    private TextFile() {
    }

    static List<Line> read(Path file) throws IOException, InputException {
        Source whole = new Source(file.toString(), 0);
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InputException(whole, "no such file");
        }
        if (size > MAX_FILE) {
            throw new InputException(whole, "larger than " + (MAX_FILE >> 20) + " MB; split it");
        }
        return split(Files.readAllBytes(file));
    }

    static List<Line> split(byte[] bytes) {
        List<Line> lines = new ArrayList<>();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        int number = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int next = end + 1;
            if (end > start && bytes[end - 1] == '\r') {
                end--;
            }
            number++;
            int len = end - start;
            if (len > MAX_LINE) {
                lines.add(new Line(number, null, "the line is longer than " + MAX_LINE + " bytes"));
            } else {
                try {
                    lines.add(new Line(number, utf8.decode(ByteBuffer.wrap(bytes, start, len)).toString(), null));
                } catch (CharacterCodingException e) {
                    lines.add(new Line(number, null, "the line is not UTF-8 (convert the file, e.g. iconv -f "
                            + "latin1 -t utf-8)"));
                }
            }
            start = next;
        }
        return lines;
    }
}
