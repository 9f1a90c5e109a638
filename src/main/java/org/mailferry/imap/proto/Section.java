package org.mailferry.imap.proto;

import java.util.List;
import java.util.Locale;

/**
 * A body section specifier of FETCH {@code BODY[...]} (RFC 3501 §6.4.5): a part path such as {@code 1.2}
 * (empty for the whole message) and what of that part: all of it, its header (or some header fields), its
 * text, or its MIME header.
 */
public record Section(List<Integer> part, Kind kind, List<String> fields) {
    public enum Kind { ALL, HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT, TEXT, MIME }

    public static final Section WHOLE = new Section(List.of(), Kind.ALL, List.of());

    public Section {
        part = List.copyOf(part);
        fields = List.copyOf(fields);
        if (kind == Kind.MIME && part.isEmpty()) {
            throw new IllegalArgumentException("MIME needs a part number");
        }
    }

    /** The specifier as it is echoed in the FETCH response, e.g. {@code 1.HEADER.FIELDS (SUBJECT)}. */
    public String wire() {
        StringBuilder sb = new StringBuilder();
        for (int p : part) {
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(p);
        }
        String k = switch (kind) {
            case ALL -> "";
            case HEADER -> "HEADER";
            case HEADER_FIELDS -> "HEADER.FIELDS";
            case HEADER_FIELDS_NOT -> "HEADER.FIELDS.NOT";
            case TEXT -> "TEXT";
            case MIME -> "MIME";
        };
        if (!k.isEmpty()) {
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(k);
        }
        if (kind == Kind.HEADER_FIELDS || kind == Kind.HEADER_FIELDS_NOT) {
            sb.append(" (");
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(ImapWriter.astringForm(fields.get(i).toUpperCase(Locale.ROOT)));
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
