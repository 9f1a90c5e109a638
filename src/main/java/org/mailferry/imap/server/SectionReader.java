package org.mailferry.imap.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mailferry.imap.proto.Section;
import org.mailferry.mime.MimePart;
import org.mailferry.store.Mailbox;

/**
 * Finds the bytes of a {@code BODY[section]} (RFC 3501 §6.4.5) in a message: a byte range of the stored
 * message, or — for HEADER.FIELDS and HEADER.FIELDS.NOT — the filtered header lines built in memory (a
 * header is bounded to {@value #MAX_HEADER} bytes here).
 */
final class SectionReader {
    static final int MAX_HEADER = 1024 * 1024;

    private SectionReader() {
    }

    /** What a section resolves to: a range of the message, filtered header bytes, or nothing (NIL). */
    sealed interface Content {
    }

    record Range(long start, long end) implements Content {
    }

    record Bytes(byte[] bytes) implements Content {
    }

    record None() implements Content {
    }

    /** Whether the section needs the full MIME structure (a part path) rather than the top-level header. */
    static boolean needsStructure(Section s) {
        return !s.part().isEmpty();
    }

    static Content resolve(Mailbox box, long uid, MimePart root, long size, Section s) throws IOException {
        MimePart target = root;
        boolean messageLevel = true;
        if (!s.part().isEmpty()) {
            target = root.resolve(s.part());
            if (target == null) {
                return new None();
            }
            messageLevel = false;
        }
        switch (s.kind()) {
            case ALL -> {
                return messageLevel ? new Range(0, size) : new Range(target.bodyStart(), target.end());
            }
            case MIME -> {
                return new Range(target.headerStart(), target.bodyStart());
            }
            default -> {
                MimePart msg = messageLevel ? target : target.message();
                if (msg == null) {
                    return new None();
                }
                long end = messageLevel ? size : msg.end();
                return switch (s.kind()) {
                    case TEXT -> new Range(msg.bodyStart(), end);
                    case HEADER -> new Range(msg.headerStart(), msg.bodyStart());
                    default -> new Bytes(filter(box, uid, msg.headerStart(), msg.bodyStart(), s.fields(),
                            s.kind() == Section.Kind.HEADER_FIELDS));
                };
            }
        }
    }

    /** The header lines of [start, end) whose field names are (or are not) in {@code names}, plus CRLF. */
    static byte[] filter(Mailbox box, long uid, long start, long end, List<String> names, boolean keep)
            throws IOException {
        Set<String> wanted = new HashSet<>();
        for (String n : names) {
            wanted.add(n.toLowerCase(Locale.ROOT));
        }
        byte[] header;
        try (InputStream in = box.open(uid, start, Math.min(end - start, MAX_HEADER))) {
            header = in.readAllBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        boolean copying = false;
        while (i < header.length) {
            int lf = i;
            while (lf < header.length && header[lf] != '\n') {
                lf++;
            }
            int next = Math.min(lf + 1, header.length);
            int contentEnd = lf > i && lf <= header.length && header[lf - 1] == '\r' ? lf - 1 : lf;
            if (contentEnd == i) {
                break; // the blank line
            }
            if (header[i] != ' ' && header[i] != '\t') {
                int colon = i;
                while (colon < contentEnd && header[colon] != ':') {
                    colon++;
                }
                String name = new String(header, i, colon - i, StandardCharsets.ISO_8859_1).strip()
                        .toLowerCase(Locale.ROOT);
                copying = colon < contentEnd && wanted.contains(name) == keep;
            }
            if (copying) {
                out.write(header, i, contentEnd - i);
                out.write('\r');
                out.write('\n');
            }
            i = next;
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }
}
