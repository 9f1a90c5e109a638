package org.mailferry.imap.proto;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * IMAP date forms (RFC 3501 §9): {@code date} for SEARCH ({@code 1-Feb-1994}) and {@code date-time} for
 * APPEND and INTERNALDATE ({@code " 1-Feb-1994 21:52:25 -0800"}).
 */
public final class ImapDates {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT);

    private ImapDates() {
    }

    /** Parses {@code d-Mon-yyyy} (day of one or two digits); throws IllegalArgumentException. */
    public static LocalDate parseDate(String s) {
        String[] p = s.split("-", -1);
        if (p.length != 3 || p[0].isEmpty() || p[0].length() > 2 || p[2].length() != 4) {
            throw new IllegalArgumentException("Invalid date: " + s);
        }
        try {
            return LocalDate.of(Integer.parseInt(p[2]), month(p[1], s), Integer.parseInt(p[0]));
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("Invalid date: " + s);
        }
    }

    private static int month(String m, String whole) {
        for (int i = 0; i < 12; i++) {
            if (MONTHS[i].equalsIgnoreCase(m)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("Invalid month in date: " + whole);
    }

    /** Parses {@code dd-Mon-yyyy hh:mm:ss +zzzz} (the day may start with a space or be one digit). */
    public static OffsetDateTime parseDateTime(String s) {
        String t = s.startsWith(" ") ? s.substring(1) : s;
        String[] p = t.split(" ", -1);
        if (p.length != 3 || p[1].length() != 8 || p[2].length() != 5
                || (p[2].charAt(0) != '+' && p[2].charAt(0) != '-')) {
            throw new IllegalArgumentException("Invalid date-time: " + s);
        }
        LocalDate d = parseDate(p[0]);
        try {
            int hh = Integer.parseInt(p[1].substring(0, 2));
            int mm = Integer.parseInt(p[1].substring(3, 5));
            int ss = Integer.parseInt(p[1].substring(6, 8));
            if (p[1].charAt(2) != ':' || p[1].charAt(5) != ':') {
                throw new IllegalArgumentException("Invalid date-time: " + s);
            }
            int zh = Integer.parseInt(p[2].substring(1, 3));
            int zm = Integer.parseInt(p[2].substring(3, 5));
            int sign = p[2].charAt(0) == '-' ? -1 : 1;
            ZoneOffset z = ZoneOffset.ofHoursMinutes(sign * zh, sign * zm);
            return OffsetDateTime.of(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), hh, mm, ss, 0, z);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("Invalid date-time: " + s);
        }
    }

    /** Formats for INTERNALDATE: {@code "dd-Mon-yyyy hh:mm:ss +zzzz"} without quotes. */
    public static String formatDateTime(OffsetDateTime t) {
        return DATE_TIME.format(t);
    }
}
