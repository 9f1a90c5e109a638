package org.mailferry.imap.proto;

import java.util.ArrayList;
import java.util.List;

/**
 * An IMAP sequence set ({@code 1:4,7,9:*}, RFC 3501 §9 {@code sequence-set}), for message sequence numbers or
 * UIDs. {@code *} is kept symbolic ({@link #STAR}) and resolved against the largest number in use only when
 * tested, so {@code 1:4294967295} costs nothing. The special {@code $} of SEARCHRES is not supported.
 */
public record SequenceSet(List<Range> ranges) {
    /** Stands for {@code *}. */
    public static final long STAR = -1;
    /** The largest sequence number or UID (RFC 3501 {@code nz-number}). */
    public static final long MAX = 4294967295L;

    /** {@code from:to} as written (either may be {@link #STAR}; {@code from} may exceed {@code to}). */
    public record Range(long from, long to) {
        long lo(long star) {
            return Math.min(value(from, star), value(to, star));
        }

        long hi(long star) {
            return Math.max(value(from, star), value(to, star));
        }

        private static long value(long v, long star) {
            return v == STAR ? star : v;
        }
    }

    public SequenceSet {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("empty sequence set");
        }
        ranges = List.copyOf(ranges);
    }

    /** Parses the wire form; throws IllegalArgumentException naming what is wrong. */
    public static SequenceSet parse(String s) {
        List<Range> out = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                long v = number(part, s);
                out.add(new Range(v, v));
            } else {
                out.add(new Range(number(part.substring(0, colon), s), number(part.substring(colon + 1), s)));
            }
        }
        return new SequenceSet(out);
    }

    private static long number(String p, String whole) {
        if (p.equals("*")) {
            return STAR;
        }
        if (p.isEmpty() || p.length() > 10 || p.charAt(0) == '0') {
            throw new IllegalArgumentException("Invalid sequence set: " + abbreviate(whole));
        }
        long v = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("Invalid sequence set: " + abbreviate(whole));
            }
            v = v * 10 + (c - '0');
        }
        if (v > MAX) {
            throw new IllegalArgumentException("Number out of range in sequence set: " + abbreviate(whole));
        }
        return v;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** Whether {@code n} is in the set when {@code *} stands for {@code star}. */
    public boolean contains(long n, long star) {
        for (Range r : ranges) {
            if (n >= r.lo(star) && n <= r.hi(star)) {
                return true;
            }
        }
        return false;
    }

    /** The largest number named, with {@code *} as {@code star}. */
    public long max(long star) {
        long m = 0;
        for (Range r : ranges) {
            m = Math.max(m, r.hi(star));
        }
        return m;
    }

    /** The smallest number named, with {@code *} as {@code star}. */
    public long min(long star) {
        long m = Long.MAX_VALUE;
        for (Range r : ranges) {
            m = Math.min(m, r.lo(star));
        }
        return m;
    }

    /** Builds the shortest set holding exactly the given ascending numbers (for COPYUID and ESEARCH). */
    public static String compact(long[] sorted) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) {
                j++;
            }
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(sorted[i]);
            if (j > i) {
                sb.append(':').append(sorted[j]);
            }
            i = j + 1;
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(r.from == STAR ? "*" : Long.toString(r.from));
            if (r.from != r.to) {
                sb.append(':').append(r.to == STAR ? "*" : Long.toString(r.to));
            }
        }
        return sb.toString();
    }
}
