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

    /** Parses a name, or returns null when it is not one of ours. */
    static MdirName parse(String n) {
        String[] p = n.split("-", -1);
        if (p.length != 3 || !p[0].matches("[1-9][0-9]{0,9}") || !p[2].matches("[0-9]{14}")) {
            return null;
        }
        int bits = 0;
        for (char c : p[1].toCharArray()) {
            int i = FromLine.FLAG_LETTERS.indexOf(c);
            if (i < 0) {
                return null;
            }
            bits |= 1 << i;
        }
        try {
            long date = LocalDateTime.parse(p[2], TS).toEpochSecond(ZoneOffset.UTC);
            return new MdirName(Long.parseLong(p[0]), bits, date);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }
}
