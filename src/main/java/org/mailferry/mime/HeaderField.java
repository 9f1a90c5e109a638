package org.mailferry.mime;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One header field of a message or MIME part (RFC 5322 §2.2): its name and its value unfolded (line breaks of
 * folding removed), kept byte for byte in an ISO-8859-1 string so 8-bit bytes survive untouched.
 */
public record HeaderField(String name, String value) {
    /** The value's original bytes. */
    public byte[] bytes() {
        return value.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The first field called {@code name} (case-insensitive), or null. */
    public static String first(List<HeaderField> fields, String name) {
        for (HeaderField f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                return f.value;
            }
        }
        return null;
    }

    public String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }
}
