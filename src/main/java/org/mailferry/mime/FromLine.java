package org.mailferry.mime;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The mbox separator line ("From_ line") with Mailferry's fields (docs/formats.md §1):
 * <pre>
 * From SENDER(FFFFF-UID-SIZE[-KW,KW…]) Www Mmm dd hh:mm:ss yyyy
 * </pre>
 * FFFFF is one position per system flag in the order S A F D T, the letter when set, {@code _} when not;
 * UID and SIZE are decimal (SIZE = the message's bytes after un-quoting); keywords are comma-separated with
 * {@code %2C} for a comma. The comment is glued to the sender so mailers that expect "From addr date"
 * (mutt, mailutils) see one address token. The date is UTC when our fields are present; a legacy line's date
 * is read in the local zone. Pure codec: parses and formats, no I/O.
 */
public record FromLine(String sender, Instant date, boolean dateValid, Fields fields) {

    /** Our fields, when the line has them. */
    public record Fields(int systemBits, long uid, long size, List<String> keywords) {
        public Fields {
            keywords = List.copyOf(keywords);
        }
    }

    public static final String FLAG_LETTERS = "SAFDT";
    public static final String DEFAULT_SENDER = "MAILER-DAEMON";
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};

    public boolean ours() {
        return fields != null;
    }

    /** True when {@code line} (from its start) begins with "From ". */
    public static boolean isSeparator(byte[] b, int off, int len) {
        return len >= 5 && b[off] == 'F' && b[off + 1] == 'r' && b[off + 2] == 'o' && b[off + 3] == 'm'
                && b[off + 4] == ' ';
    }

    /**
     * Parses a From_ line (without its line end; a trailing CR is ignored). Never fails: a line whose date
     * cannot be read gets {@code dateValid = false} and {@code fallbackDate}.
     */
    public static FromLine parse(byte[] b, int off, int len, Instant fallbackDate) {
        if (len > 0 && b[off + len - 1] == '\r') {
            len--;
        }
        String s = new String(b, off, len, StandardCharsets.ISO_8859_1);
        if (!s.startsWith("From ")) {
            return new FromLine(DEFAULT_SENDER, fallbackDate, false, null);
        }
        int p = 5;
        while (p < s.length() && s.charAt(p) == ' ') {
            p++;
        }
        int start = p;
        boolean quoted = false;
        while (p < s.length() && (quoted || (s.charAt(p) != ' ' && s.charAt(p) != '\t'))) {
            if (s.charAt(p) == '"') {
                quoted = !quoted;
            }
            p++;
        }
        String token = s.substring(start, p);
        String rest = s.substring(p).trim();
        Fields fields = null;
        String sender = token;
        int open = token.lastIndexOf('(');
        if (open >= 0 && token.endsWith(")")) {
            fields = parseFields(token.substring(open + 1, token.length() - 1));
            if (fields != null) {
                sender = token.substring(0, open);
            }
        }
        if (sender.isEmpty()) {
            sender = DEFAULT_SENDER;
        }
        Instant date = parseDate(rest, fields != null ? ZoneOffset.UTC : ZoneId.systemDefault());
        return new FromLine(sender, date == null ? fallbackDate : date, date != null, fields);
    }

    static Fields parseFields(String c) {
        String[] parts = c.split("-", 4);
        if (parts.length < 3 || parts[0].length() != 5) {
            return null;
        }
        int bits = 0;
        for (int i = 0; i < 5; i++) {
            char ch = parts[0].charAt(i);
            if (ch == FLAG_LETTERS.charAt(i)) {
                bits |= 1 << i;
            } else if (ch != '_') {
                return null;
            }
        }
        long uid = parseNumber(parts[1]);
        long size = parseNumber(parts[2]);
        if (uid <= 0 || uid > 0xFFFFFFFFL || size < 0) {
            return null;
        }
        List<String> kws = new ArrayList<>();
        if (parts.length == 4 && !parts[3].isEmpty()) {
            for (String k : parts[3].split(",")) {
                if (!k.isEmpty()) {
                    kws.add(k.replace("%2C", ",").replace("%2c", ","));
                }
            }
        }
        return new Fields(bits, uid, size, kws);
    }

    private static long parseNumber(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Formats a From_ line with our fields, ending in LF. */
    public static byte[] format(String sender, int systemBits, long uid, long size, Collection<String> keywords,
                                Instant date) {
        StringBuilder sb = new StringBuilder(96);
        sb.append("From ").append(safeSender(sender)).append('(');
        for (int i = 0; i < 5; i++) {
            sb.append((systemBits & (1 << i)) != 0 ? FLAG_LETTERS.charAt(i) : '_');
        }
        sb.append('-').append(uid).append('-').append(size);
        if (!keywords.isEmpty()) {
            sb.append('-');
            boolean first = true;
            for (String k : keywords) {
                sb.append(first ? "" : ",").append(k.replace(",", "%2C"));
                first = false;
            }
        }
        sb.append(") ").append(asctime(date)).append('\n');
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The sender as written: printable ASCII without space or parentheses, else MAILER-DAEMON. */
    public static String safeSender(String sender) {
        if (sender == null || sender.isEmpty() || sender.length() > 512 || sender.equals("<>")) {
            return DEFAULT_SENDER;
        }
        String s = sender.startsWith("<") && sender.endsWith(">") ? sender.substring(1, sender.length() - 1) : sender;
        if (s.isEmpty()) {
            return DEFAULT_SENDER;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '(' || c == ')' || c == '"') {
                return DEFAULT_SENDER;
            }
        }
        return s;
    }

    /** {@code Wed Mar 13 10:29:16 2002} in UTC. */
    public static String asctime(Instant date) {
        ZonedDateTime t = date.atZone(ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%s %s %2d %02d:%02d:%02d %04d", DAYS[t.getDayOfWeek().ordinal()],
                MONTHS[t.getMonthValue() - 1], t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(),
                t.getYear());
    }

    /**
     * Reads the date part of a From_ line leniently: weekday optional, month name, day, hh:mm[:ss], a
     * four-digit year, and optionally a zone (+hhmm or a name, which is ignored) before or after the year.
     */
    static Instant parseDate(String s, ZoneId zone) {
        String[] t = s.trim().split("[ \t]+");
        int month = -1;
        int day = -1;
        int year = -1;
        int h = -1;
        int m = -1;
        int sec = 0;
        ZoneOffset off = null;
        for (String x : t) {
            if (month < 0 && x.length() == 3) {
                for (int i = 0; i < 12; i++) {
                    if (MONTHS[i].equalsIgnoreCase(x)) {
                        month = i + 1;
                    }
                }
                if (month > 0) {
                    continue;
                }
            }
            if (x.indexOf(':') > 0 && h < 0) {
                String[] hm = x.split(":");
                if (hm.length < 2 || hm.length > 3) {
                    return null;
                }
                h = (int) parseNumber(hm[0]);
                m = (int) parseNumber(hm[1]);
                sec = hm.length == 3 ? (int) parseNumber(hm[2]) : 0;
                continue;
            }
            if ((x.startsWith("+") || x.startsWith("-")) && x.length() == 5 && parseNumber(x.substring(1)) >= 0) {
                int v = (int) parseNumber(x.substring(1));
                int secs = ((v / 100) * 3600 + (v % 100) * 60) * (x.charAt(0) == '-' ? -1 : 1);
                try {
                    off = ZoneOffset.ofTotalSeconds(secs);
                } catch (DateTimeException e) {
                    return null;
                }
                continue;
            }
            long n = parseNumber(x);
            if (n >= 0) {
                if (month > 0 && day < 0 && x.length() <= 2) {
                    day = (int) n;
                } else if (x.length() == 4) {
                    year = (int) n;
                }
            }
        }
        if (month < 0 || day < 0 || year < 0 || h < 0 || m < 0 || sec < 0) {
            return null;
        }
        try {
            LocalDateTime ldt = LocalDateTime.of(year, month, day, h, m, Math.min(sec, 59));
            return off != null ? ldt.toInstant(off) : ldt.atZone(zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
