package org.mailferry.mime;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates of message header fields (RFC 5322 §3.3 date-time, with the obsolete forms of §4.3 that real mail
 * carries): optional day name, 1–2 digit day, English month name, 2- or 4-digit year, time with or without
 * seconds, a numeric zone or an obsolete name (UT, GMT, EST … PDT; military letters mean -0000), comments in
 * parentheses anywhere. Also the date after the last ';' of a Received field (RFC 5321 §4.4). Lenient in
 * spacing and case; anything else is "no date". Pure codec.
 */
public final class MailDate {
    private static final Pattern DATE = Pattern.compile(
            "(?:[a-z]{3},?\\s*)?(\\d{1,2})\\s*([a-z]{3})[a-z]*\\.?\\s*(\\d{2,4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([+-]\\d{4}|[a-z]{1,5})?");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3),
            Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9),
            Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Map<String, Integer> ZONES = Map.ofEntries(Map.entry("ut", 0), Map.entry("utc", 0), Map.entry("gmt", 0),
            Map.entry("z", 0), Map.entry("est", -5), Map.entry("edt", -4), Map.entry("cst", -6), Map.entry("cdt", -5), Map.entry("mst", -7),
            Map.entry("mdt", -6), Map.entry("pst", -8), Map.entry("pdt", -7));

    private MailDate() {
    }

    /** The date of a Date:-style field value. */
    public static Optional<OffsetDateTime> parse(String value) {
        if (value == null) return Optional.empty();
        String s = value.replaceAll("\\([^()]*\\)", " ").trim().toLowerCase(Locale.ROOT);
        Matcher m = DATE.matcher(s);
        if (!m.find()) return Optional.empty();
        Integer month = MONTHS.get(m.group(2));
        if (month == null) return Optional.empty();
        int year = Integer.parseInt(m.group(3));
        if (m.group(3).length() == 2) year += year < 50 ? 2000 : 1900; // RFC 5322 §4.3
        else if (m.group(3).length() == 3) year += 1900;
        try {
            LocalDateTime t = LocalDateTime.of(year, month, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            return Optional.of(t.atOffset(zone(m.group(7))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The date of a Received field value: what follows its last ';'. */
    public static Optional<OffsetDateTime> parseReceived(String value) {
        if (value == null) return Optional.empty();
        int semi = value.lastIndexOf(';');
        return semi < 0 ? Optional.empty() : parse(value.substring(semi + 1));
    }

    private static ZoneOffset zone(String z) {
        if (z == null) return ZoneOffset.UTC;
        if (z.startsWith("+") || z.startsWith("-")) {
            int h = Integer.parseInt(z.substring(1, 3)), min = Integer.parseInt(z.substring(3, 5));
            if (h > 18 || min > 59) return ZoneOffset.UTC;
            int sign = z.startsWith("-") ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * h, sign * min);
        }
        Integer hours = ZONES.get(z);
        return ZoneOffset.ofHours(hours == null ? 0 : hours); // military and unknown names: -0000 (RFC 5322 §4.3)
    }
}
