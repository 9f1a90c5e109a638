package org.mailferry.store.mdir;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.mailferry.mime.FromLine;

/**
 * A MailDir message file name: {@code <uid>-<flags>-<yyyymmddhhmmss>}, flags being the letters of the set
 * system flags in the order S A F D T (possibly none), the date the internal date in GMT. Pure codec.
 */
record MdirName(long uid, int systemBits, long date) {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    String format() {
        StringBuilder sb = new StringBuilder().append(uid).append('-');
        for (int i = 0; i < 5; i++) {
            if ((systemBits & (1 << i)) != 0) {
                sb.append(FromLine.FLAG_LETTERS.charAt(i));
            }
        }
        return sb.append('-').append(TS.format(LocalDateTime.ofEpochSecond(date, 0, ZoneOffset.UTC))).toString();
    }

    /** Parses a name, or returns null when it is not one of ours. Called for every file of a folder: no regex. */
    static MdirName parse(String n) {
        int d1 = n.indexOf('-');
        int d2 = d1 < 0 ? -1 : n.indexOf('-', d1 + 1);
        if (d1 < 1 || d1 > 10 || d2 < 0 || n.length() - d2 - 1 != 14 || n.charAt(0) == '0') {
            return null;
        }
        long uid = digits(n, 0, d1);
        long ts = digits(n, d2 + 1, n.length());
        if (uid < 0 || ts < 0) {
            return null;
        }
        int bits = 0;
        for (int i = d1 + 1; i < d2; i++) {
            int f = FromLine.FLAG_LETTERS.indexOf(n.charAt(i));
            if (f < 0) {
                return null;
            }
            bits |= 1 << f;
        }
        try {
            LocalDateTime t = LocalDateTime.of((int) (ts / 10_000_000_000L), (int) (ts / 100_000_000 % 100),
                    (int) (ts / 1_000_000 % 100), (int) (ts / 10_000 % 100), (int) (ts / 100 % 100), (int) (ts % 100));
            return new MdirName(uid, bits, t.toEpochSecond(ZoneOffset.UTC));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code s[from, to)}, or -1 when it holds anything but digits. */
    private static long digits(String s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The UID a file name starts with (digits before the first '-'), or -1. */
    static long uidOf(String n) {
        int d = n.indexOf('-');
        return d < 1 || d > 10 ? -1 : digits(n, 0, d);
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }
}
