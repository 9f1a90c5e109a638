package org.mailferry.store.mbox;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mailferry.mime.FromLine;
import org.mailferry.mime.HeaderScan;
import org.mailferry.store.Flag;
import org.mailferry.store.Flags;
import org.mailferry.store.engine.Anomalies;
import org.mailferry.store.engine.Entry;

/**
 * Splits a region of an mbox file into messages (docs/formats.md §1.2). A message starts at a line
 * beginning with "From " at the start of the file or after an empty line. For a message with our fields
 * the declared size lets the scanner jump to the next separator without reading the body; other messages
 * are read line by line, their flags and UID taken from Status, X-Status, X-Keywords and X-UID (c-client,
 * Dovecot), and c-client's X-IMAP pseudo message is skipped. Never fails on odd input: each oddity is
 * reported to {@link Anomalies} and the bytes stay in some message.
 */
final class MboxScanner {
    static final int FINGERPRINT_BYTES = 256;
    static final int MAX_HEADER_SCAN = 64 * 1024;
    static final int LONG_LINE = 998;
    private static final Set<String> META = Set.of("status", "x-status", "x-keywords", "x-uid", "x-imapbase",
            "x-imap");

    private final MemorySegment seg;
    private final long end;
    private final Anomalies anomalies;
    private final Instant fallbackDate;
    final List<Entry> entries = new ArrayList<>();
    long uidValidityHint;
    long uidNextHint;
    /** Offset of our last message when it is shorter than its From_ line says (a torn append), else -1. */
    long tornAt = -1;

    MboxScanner(MemorySegment seg, long end, Anomalies anomalies, Instant fallbackDate) {
        this.seg = seg;
        this.end = end;
        this.anomalies = anomalies;
        this.fallbackDate = fallbackDate;
    }

    private byte at(long i) {
        return seg.get(ValueLayout.JAVA_BYTE, i);
    }

    boolean fromAt(long i) {
        return i + 5 <= end && at(i) == 'F' && at(i + 1) == 'r' && at(i + 2) == 'o' && at(i + 3) == 'm'
                && at(i + 4) == ' ';
    }

    private long lineEnd(long i) {
        return find(i, end, false);
    }

    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(
            java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;

    /**
     * The first LF (and, with {@code nul}, the first NUL) in {@code [i, limit)}, or {@code limit}. Eight bytes
     * at a time: a byte of {@code w} is zero where {@code (w - ONES) & ~w & HIGHS} has its high bit, and the
     * lowest such bit is always a true zero byte (a borrow only disturbs the bytes above it).
     */
    long find(long i, long limit, boolean nul) {
        for (; i + 8 <= limit; i += 8) {
            long w = seg.get(WORD, i);
            long x = w ^ LFS;
            long hit = (x - ONES) & ~x & HIGHS;
            if (nul) {
                hit |= (w - ONES) & ~w & HIGHS;
            }
            if (hit != 0) {
                // the lowest flagged byte of either test is a true LF or NUL; check bytes from there on
                i += Long.numberOfTrailingZeros(hit) >>> 3;
                break;
            }
        }
        while (i < limit) {
            byte c = at(i);
            if (c == '\n' || nul && c == 0) {
                return i;
            }
            i++;
        }
        return limit;
    }

    /** Scans [from, end); {@code from} is the start of the file or of a From_ line. */
    void scan(long from) {
        long pos = from;
        if (pos < end && !fromAt(pos)) {
            // text before the first From_ line: kept as a message of its own
            long next = findSeparator(pos, true);
            anomalies.report("text before the first From_ line", pos, (next - pos) + " bytes kept as a message");
            Body b = body(pos, next, null, true);
            entries.add(entry(pos, pos, b, fallbackDate.getEpochSecond(), Flags.NONE, 0, false));
            pos = next;
        }
        boolean first = entries.isEmpty() && from == 0;
        while (pos < end) {
            long le = lineEnd(pos);
            byte[] line = bytes(pos, (int) Math.min(le - pos, 4096));
            if (le - pos > 4096) {
                anomalies.report("From_ line longer than 4096 bytes", pos, null);
            }
            FromLine fl = FromLine.parse(line, 0, line.length, fallbackDate);
            if (le >= end && !entries.isEmpty() && entries.getLast().ours()) {
                // a From_ line without its line end after our messages: an append cut short
                tornAt = pos;
                Body b = new Body(0, 0, true, end, end);
                entries.add(entry(pos, end, b, fallbackDate.getEpochSecond(), Flags.NONE, 0, true));
                return;
            }
            if (!fl.dateValid()) {
                anomalies.report("From_ line without a valid date", pos, null);
            }
            long dataPos = Math.min(le + 1, end);
            FromLine.Fields f = fl.fields();
            long next = -1;
            Body b = null;
            if (f != null) {
                b = fastBody(dataPos, f.size());
            }
            if (b == null) {
                next = findSeparator(dataPos, false);
                b = body(dataPos, next, f, false);
                if (f != null && b.size < f.size() && next == end) {
                    tornAt = pos;
                }
                if (f != null && b.size != f.size()) {
                    anomalies.report(b.size < f.size() ? "truncated message" : "message size differs from its From_ line",
                            pos, "declared " + f.size() + ", found " + b.size);
                }
            }
            next = b.next;
            if (f != null) {
                Flags flags = new Flags(Flags.fromBits(f.systemBits()), Set.copyOf(f.keywords()));
                entries.add(entry(pos, dataPos, b, fl.date().getEpochSecond(), flags, f.uid(), true));
            } else {
                legacy(pos, dataPos, b, fl, first);
            }
            first = false;
            pos = next;
        }
    }

    /** Where our message of {@code size} bytes would end, when the separator is exactly there. */
    private Body fastBody(long dataPos, long size) {
        long c = dataPos + size;
        if (size < 0 || c > end) {
            return null;
        }
        boolean endsNl = size == 0 || at(c - 1) == '\n';
        if (!endsNl) {
            // "SIZE bytes + LF LF" cannot be told from "SIZE+1 quoted bytes ending in LF + LF": read it
            return null;
        }
        long sep = c;
        if (sep >= end || at(sep) != '\n') {
            return null;
        }
        // the last message is read line by line: it may be an append cut short whose quoted form happens
        // to be long enough, and only a full read tells its true size
        if (sep + 1 < end && fromAt(sep + 1)) {
            return new Body(size, size, true, sep + 1, 0);
        }
        return null;
    }

    /**
     * The start of the next message after {@code from}: a "From " line after an empty line (or at the very
     * start when {@code atStart}), else the end.
     */
    private long findSeparator(long from, boolean atStart) {
        long i = from;
        boolean prevEmpty = atStart;
        while (i < end) {
            if (prevEmpty && fromAt(i)) {
                return i;
            }
            long le = lineEnd(i);
            long len = le - i;
            prevEmpty = len == 0 || (len == 1 && at(i) == '\r');
            i = le + 1;
        }
        return end;
    }

    record Body(long rawLen, long size, boolean plain, long next, long headerEnd) {
    }

    /** Reads the lines of [dataPos, next): quoted lines, long lines, NULs, the header end. */
    private Body body(long dataPos, long next, FromLine.Fields f, boolean garbage) {
        long rawEnd = next;
        if (next < end || (next == end && endsWithBlank(dataPos, next))) {
            // drop the empty line before the next separator (or the final one)
            if (rawEnd - 1 >= dataPos && at(rawEnd - 1) == '\n') {
                long prev = rawEnd - 1;
                if (prev - 1 >= dataPos && at(prev - 1) == '\r' && prev - 2 >= dataPos && at(prev - 2) == '\n') {
                    rawEnd = prev - 1;
                } else if (prev - 1 >= dataPos && at(prev - 1) == '\n') {
                    rawEnd = prev;
                } else if (prev == dataPos) {
                    rawEnd = prev;
                }
            }
        } else if (next == end && end > dataPos && at(end - 1) != '\n') {
            anomalies.report("no newline at the end of the file", end, null);
        }
        long quoted = 0;
        long headerEnd = -1;
        boolean reportedNul = false;
        boolean reportedLong = false;
        long i = dataPos;
        while (i < rawEnd) {
            long le = i;
            int gts = 0;
            while (le < rawEnd && at(le) == '>') {
                le++;
                gts++;
            }
            if (gts > 0 && fromAt(le) && le + 5 <= rawEnd) {
                quoted++;
            }
            long lineStart = i;
            le = find(le, rawEnd, !reportedNul);
            while (le < rawEnd && at(le) == 0) {
                anomalies.report("NUL byte", le, null);
                reportedNul = true;
                le = find(le + 1, rawEnd, false);
            }
            if (!reportedLong && le - lineStart > LONG_LINE) {
                anomalies.report("line longer than " + LONG_LINE + " bytes", lineStart, (le - lineStart) + " bytes");
                reportedLong = true;
            }
            if (headerEnd < 0 && (le == lineStart || (le == lineStart + 1 && at(lineStart) == '\r'))) {
                headerEnd = lineStart;
            }
            i = le + 1;
        }
        long rawLen = rawEnd - dataPos;
        if (f != null && rawLen - quoted == f.size() + 1 && rawEnd > dataPos && at(rawEnd - 1) == '\n') {
            rawLen--; // our message without a final newline: we wrote it followed by LF LF
        }
        return new Body(rawLen, rawLen - quoted, quoted == 0, next, headerEnd < 0 ? rawEnd : headerEnd);
    }

    private boolean endsWithBlank(long dataPos, long e) {
        return e - dataPos >= 2 && at(e - 1) == '\n' && (at(e - 2) == '\n' || (at(e - 2) == '\r' && e - dataPos >= 3
                && at(e - 3) == '\n'));
    }

    private void legacy(long pos, long dataPos, Body b, FromLine fl, boolean first) {
        long hlen = Math.min(Math.max(b.headerEnd - dataPos, 0), MAX_HEADER_SCAN);
        byte[] h = bytes(dataPos, (int) hlen);
        Map<String, String> m = HeaderScan.fields(h, 0, h.length, META);
        if (first && m.containsKey("x-imap")) {
            // c-client / Dovecot pseudo message holding the mailbox's UIDVALIDITY: metadata, not mail
            readImapBase(m.get("x-imap"));
            return;
        }
        if (first && m.containsKey("x-imapbase")) {
            readImapBase(m.get("x-imapbase"));
        }
        int bits = 0;
        String status = m.getOrDefault("status", "") + m.getOrDefault("x-status", "");
        if (status.indexOf('R') >= 0) {
            bits |= Flag.SEEN.bit();
        }
        if (status.indexOf('A') >= 0) {
            bits |= Flag.ANSWERED.bit();
        }
        if (status.indexOf('F') >= 0) {
            bits |= Flag.FLAGGED.bit();
        }
        if (status.indexOf('D') >= 0) {
            bits |= Flag.DELETED.bit();
        }
        if (status.indexOf('T') >= 0) {
            bits |= Flag.DRAFT.bit();
        }
        List<String> kws = new ArrayList<>();
        for (String k : m.getOrDefault("x-keywords", "").split("[ \t,]+")) {
            if (Flags.isValidKeyword(k)) {
                kws.add(k);
            }
        }
        long uid = 0;
        String xuid = m.get("x-uid");
        if (xuid != null && xuid.matches("[0-9]{1,10}")) {
            uid = Long.parseLong(xuid);
            if (uid > 0xFFFFFFFFL) {
                uid = 0;
            }
        }
        Flags flags = new Flags(Flags.fromBits(bits), Set.copyOf(kws));
        entries.add(entry(pos, dataPos, b, fl.date().getEpochSecond(), flags, uid, false));
    }

    private void readImapBase(String v) {
        String[] t = v.trim().split("[ \t]+");
        if (t.length >= 2 && t[0].matches("[0-9]{1,10}") && t[1].matches("[0-9]{1,10}")) {
            uidValidityHint = Long.parseLong(t[0]);
            uidNextHint = Long.parseLong(t[1]) + 1;
            if (uidValidityHint > 0xFFFFFFFFL || uidNextHint > 0xFFFFFFFFL) {
                uidValidityHint = 0;
                uidNextHint = 0;
            }
        }
    }

    private Entry entry(long pos, long dataPos, Body b, long date, Flags flags, long uid, boolean ours) {
        return new Entry(uid, flags, date, b.size, 0, pos, dataPos, b.rawLen, b.plain,
                fingerprint(dataPos, b.rawLen, b.size), null, ours);
    }

    long fingerprint(long dataPos, long rawLen, long size) {
        int n = (int) Math.min(rawLen, FINGERPRINT_BYTES);
        long h = 0xcbf29ce484222325L ^ size;
        for (int i = 0; i < n; i++) {
            h = (h ^ (at(dataPos + i) & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    private byte[] bytes(long from, int len) {
        len = (int) Math.max(0, Math.min(len, end - from));
        byte[] b = new byte[len];
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, from, b, 0, len);
        return b;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
