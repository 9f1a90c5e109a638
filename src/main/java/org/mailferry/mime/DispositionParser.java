package org.mailferry.mime;

import java.util.List;
import java.util.Map;

/** Parses Content-Disposition (RFC 2183): the disposition type and its parameters. */
public final class DispositionParser {
    public record Disposition(String type, List<Map.Entry<String, String>> params) {
    }

    private DispositionParser() {
    }

    /** The disposition, or null when the value has no type. */
    public static Disposition parse(String value) {
        HeaderTokens t = new HeaderTokens(value);
        String type = t.token();
        if (type == null) {
            return null;
        }
        return new Disposition(type, t.parameters());
    }
}
