package org.mailferry.store.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;
import java.util.TreeSet;
import org.mailferry.store.Flags;

/**
 * The message list of an index file read lazily (docs/formats.md §3.2): fixed-size records in the file's
 * bytes, decoded into an {@link Entry} only when asked for. Opening a mailbox of 100,000 messages thus costs
 * one read of the file and a checksum, not 100,000 objects. Immutable and safe to read from many threads;
 * the engine copies it into an ordinary list before its first change.
 */
final class IndexedEntries extends AbstractList<Entry> implements RandomAccess {
    /** Bytes per record: uid 8, flag bits 1, bools 1, keyword set 4, date, size, modseq, pos, dataPos, rawLen, fp 8 each, file 4. */
    static final int RECORD = 8 + 1 + 1 + 4 + 7 * 8 + 4;

    private final ByteBuffer buf;
    private final int base;
    private final int count;
    private final int heap;
    private final String[] keywords;
    private final int[][] sets;
    private final Flags[] flagCache;

    /**
     * @param buf      the whole index file (read-only use, absolute gets only)
     * @param base     offset of record 0
     * @param count    number of records
     * @param heap     offset of the string heap (file names)
     * @param keywords the keyword table
     * @param sets     keyword sets, as indexes into {@code keywords}
     */
    IndexedEntries(ByteBuffer buf, int base, int count, int heap, String[] keywords, int[][] sets) {
        this.buf = buf;
        this.base = base;
        this.count = count;
        this.heap = heap;
        this.keywords = keywords;
        this.sets = sets;
        this.flagCache = new Flags[32 * (sets.length + 1)];
    }

    @Override
    public int size() {
        return count;
    }

    /** The UID of record {@code i}, without decoding the rest. */
    long uid(int i) {
        return buf.getLong(at(i));
    }

    private int at(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i);
        }
        return base + i * RECORD;
    }

    @Override
    public Entry get(int i) {
        int p = at(i);
        long uid = buf.getLong(p);
        int bits = buf.get(p + 8) & 0x1f;
        int bools = buf.get(p + 9);
        int set = buf.getInt(p + 10);
        long date = buf.getLong(p + 14);
        long size = buf.getLong(p + 22);
        long modSeq = buf.getLong(p + 30);
        long pos = buf.getLong(p + 38);
        long dataPos = buf.getLong(p + 46);
        long rawLen = buf.getLong(p + 54);
        long fp = buf.getLong(p + 62);
        int file = buf.getInt(p + 70);
        return new Entry(uid, flags(bits, set), date, size, modSeq, pos, dataPos, rawLen, (bools & 1) != 0, fp,
                file < 0 ? null : string(heap + file), (bools & 2) != 0);
    }

    private Flags flags(int bits, int set) {
        int k = (set + 1) * 32 + bits;
        Flags f = flagCache[k];
        if (f == null) {
            Set<String> ks = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            if (set >= 0) {
                for (int j : sets[set]) {
                    ks.add(keywords[j]);
                }
            }
            f = new Flags(Flags.fromBits(bits), ks);
            flagCache[k] = f; // Flags is immutable: a race only builds it twice
        }
        return f;
    }

    private String string(int p) {
        int len = buf.getShort(p) & 0xffff;
        byte[] b = new byte[len];
        buf.get(p + 2, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Index of the first record whose UID is above {@code uid} (records ascend by UID). */
    int firstAbove(long uid) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (uid(mid) <= uid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The keyword table (every keyword some record uses). */
    List<String> keywords() {
        return List.of(keywords);
    }
}
