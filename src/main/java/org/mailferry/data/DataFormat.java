package org.mailferry.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Prints objects in the CGP data format and parses them back ({@link DataReader} does the reading).
 *
 * <p>The printer writes a string as an atom only when it is one or more ASCII letters and digits; every
 * other string is quoted, with {@code \" \\ \r \n \t} and three-digit decimal escapes ({@code \002}) for the
 * other control characters; characters above 0x7F are written as they are (the text is UTF-8). Whatever this
 * printer writes parses back to an equal object: {@code parse(print(x)).equals(x)}.
 */
public final class DataFormat {
    private DataFormat() {
    }

    /** Parses exactly one object; anything but whitespace after it is an error. */
    public static Object parse(String text) {
        DataReader r = new DataReader(text);
        Object o = r.read();
        r.expectEnd();
        return o;
    }

    /** Parses exactly one dictionary. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseDictionary(String text) {
        DataReader r = new DataReader(text);
        if (r.atEnd() || r.rest().charAt(0) != '{') {
            throw new DataFormatException(r.position(), "expected a dictionary '{…}'");
        }
        Object o = r.read();
        r.expectEnd();
        return (Map<String, Object>) o;
    }

    /** The one-line form: {@code {Key=Value;List=(a,b);}}. */
    public static String print(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, -1);
        return sb.toString();
    }

    /** A multi-line, indented form for files people read; parses to the same object as {@link #print}. */
    public static String printPretty(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.append('\n').toString();
    }

    /** Appends one string in printed form (atom or quoted). */
    public static void writeString(StringBuilder sb, String s) {
        if (isPlainAtom(s)) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10))
                                .append((char) ('0' + c % 10));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Whether a string prints unquoted: one or more ASCII letters or digits. */
    public static boolean isPlainAtom(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!DataReader.isAlnum(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void write(StringBuilder sb, Object value, int indent) {
        switch (value) {
            case null -> sb.append(Special.NULL.text());
            case String s -> writeString(sb, s);
            case DataBlock d -> sb.append('[').append(Base64.getEncoder().encodeToString(d.bytes())).append(']');
            case byte[] b -> sb.append('[').append(Base64.getEncoder().encodeToString(b)).append(']');
            case List<?> list -> writeArray(sb, list, indent);
            case Map<?, ?> map -> writeDictionary(sb, map, indent);
            case Long n -> sb.append('#').append(n);
            case Integer n -> sb.append('#').append(n);
            case Boolean b -> sb.append(b ? "#YES" : "#NO");
            case LocalDateTime t -> sb.append(String.format("#T%02d-%02d-%04d_%02d:%02d:%02d", t.getDayOfMonth(),
                    t.getMonthValue(), checkYear(t.getYear()), t.getHour(), t.getMinute(), t.getSecond()));
            case LocalDate d -> sb.append(String.format("#T%02d-%02d-%04d", d.getDayOfMonth(), d.getMonthValue(),
                    checkYear(d.getYear())));
            case IpAddress ip -> {
                sb.append("#I[").append(ip.address()).append(']');
                if (ip.port() >= 0) {
                    sb.append(':').append(ip.port());
                }
            }
            case Special sp -> sb.append(sp.text());
            default -> throw new IllegalArgumentException("cannot print a " + value.getClass().getName()
                    + " in the data format");
        }
    }

    private static int checkYear(int year) {
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year " + year + " cannot be printed (0000–9999)");
        }
        return year;
    }

    private static void writeArray(StringBuilder sb, List<?> list, int indent) {
        sb.append('(');
        boolean multi = indent >= 0 && list.stream().anyMatch(o -> o instanceof Map || o instanceof List);
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(indent >= 0 && !multi ? ", " : ",");
            }
            if (multi) {
                newline(sb, indent + 1);
            }
            write(sb, list.get(i), multi ? indent + 1 : indent);
        }
        if (multi) {
            newline(sb, indent);
        }
        sb.append(')');
    }

    private static void writeDictionary(StringBuilder sb, Map<?, ?> map, int indent) {
        sb.append('{');
        for (var e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("dictionary keys must be strings, not " + e.getKey());
            }
            if (indent >= 0) {
                newline(sb, indent + 1);
            }
            writeString(sb, key);
            sb.append(indent >= 0 ? " = " : "=");
            write(sb, e.getValue(), indent >= 0 ? indent + 1 : -1);
            sb.append(';');
        }
        if (indent >= 0 && !map.isEmpty()) {
            newline(sb, indent);
        }
        sb.append('}');
    }

    private static void newline(StringBuilder sb, int indent) {
        sb.append('\n');
        sb.append("  ".repeat(indent));
    }
}
