package org.mailferry.store.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import org.mailferry.store.Flag;
import org.mailferry.store.Flags;

/**
 * The index beside a mailbox (docs/formats.md §3.2): a cache of what a scan found plus flags, keywords and
 * mod-sequences, valid for the mailbox files whose stamp (inode, size, mtime, ctime) and check value it
 * records. Binary, protected by a CRC32C; replaced atomically. A missing, damaged or lying index only costs
 * a rescan; flag changes since it was written are in the journal.
 *
 * <p>Version 2 ({@code MFIDX2}) keeps fixed-size message records and the mailbox's STATUS figures in its
 * header, so that opening an unchanged mailbox reads the file and checks its sum but decodes no message
 * ({@link IndexedEntries}). Version 1 files ({@code MFIDX1}) are still read (eagerly) and replaced by
 * version 2 at the next write.
 */
public final class IndexFile {
    private static final byte[] MAGIC1 = "MFIDX1\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC2 = "MFIDX2\n".getBytes(StandardCharsets.US_ASCII);

    public Fs.Stamp stamp = Fs.Stamp.NONE;
    public long check;
    public long uidValidity;
    public long uidNext;
    public long highestModSeq;
    public long journalLength;
    public List<Entry> entries = new ArrayList<>();
    /** The STATUS figures of {@link #entries}, or null when not known without a pass over them (version 1). */
    Totals totals;
    /** Keywords the entries use. */
    Set<String> keywords = Set.of();

    /** Figures of a message list kept in the header. */
    record Totals(int unseen, int deleted, long size, int zeroModSeqs) {
        static Totals of(List<Entry> entries) {
            int unseen = 0;
            int deleted = 0;
            long size = 0;
            int zero = 0;
            for (Entry e : entries) {
                unseen += e.flags().has(Flag.SEEN) ? 0 : 1;
                deleted += e.flags().has(Flag.DELETED) ? 1 : 0;
                size += e.size();
                zero += e.modSeq() == 0 ? 1 : 0;
            }
            return new Totals(unseen, deleted, size, zero);
        }
    }

    /**
     * Reads an index, or returns null when it is missing or damaged. The file is mapped, not copied: index
     * files are only ever replaced by a rename, never changed in place, so the mapping stays valid.
     */
    public static IndexFile read(Path p) {
        ByteBuffer all;
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < MAGIC2.length + 8 || size > Integer.MAX_VALUE - 16) {
                return null;
            }
            all = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (IOException e) {
            return null; // missing or unreadable: rebuilt from the mailbox
        }
        try {
            int len = all.capacity();
            CRC32C crc = new CRC32C();
            crc.update(all.duplicate().limit(len - 8));
            ByteBuffer b = all.duplicate();
            if (b.getLong(len - 8) != crc.getValue()) {
                return null;
            }
            byte[] magic = new byte[MAGIC2.length];
            b.get(0, magic);
            if (java.util.Arrays.equals(magic, MAGIC2)) {
                b.position(MAGIC2.length);
                return read2(b, len - 8);
            }
            if (java.util.Arrays.equals(magic, MAGIC1)) {
                b.position(MAGIC1.length);
                return read1(b);
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void header(ByteBuffer b) {
        stamp = new Fs.Stamp(b.getLong(), b.getLong(), b.getLong(), b.getLong());
        check = b.getLong();
        uidValidity = b.getLong();
        uidNext = b.getLong();
        highestModSeq = b.getLong();
        journalLength = b.getLong();
    }

    private static String[] keywordTable(ByteBuffer b) {
        int nk = b.getInt();
        String[] kws = new String[nk];
        for (int i = 0; i < nk; i++) {
            kws[i] = str(b);
        }
        return kws;
    }

    private static IndexFile read2(ByteBuffer b, int end) {
        IndexFile x = new IndexFile();
        x.header(b);
        int count = b.getInt();
        int unseen = b.getInt();
        int deleted = b.getInt();
        int zero = b.getInt();
        long size = b.getLong();
        x.totals = new Totals(unseen, deleted, size, zero);
        String[] kws = keywordTable(b);
        int[][] sets = new int[b.getInt()][];
        for (int i = 0; i < sets.length; i++) {
            sets[i] = new int[b.getShort() & 0xffff];
            for (int j = 0; j < sets[i].length; j++) {
                sets[i][j] = b.getShort() & 0xffff;
                if (sets[i][j] >= kws.length) {
                    return null;
                }
            }
        }
        int heapLen = b.getInt();
        int heap = b.position();
        int base = heap + heapLen;
        if (heapLen < 0 || count < 0 || (long) base + (long) count * IndexedEntries.RECORD != end) {
            return null;
        }
        x.entries = new IndexedEntries(b.asReadOnlyBuffer(), base, count, heap, kws, sets);
        Set<String> used = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        used.addAll(List.of(kws));
        x.keywords = used;
        return x;
    }

    private static IndexFile read1(ByteBuffer b) {
        IndexFile x = new IndexFile();
        x.header(b);
        String[] kws = keywordTable(b);
        int n = b.getInt();
        x.entries = new ArrayList<>(n);
        Map<Long, Flags> interned = new HashMap<>();
        Set<String> used = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < n; i++) {
            long uid = b.getLong();
            int bits = b.get();
            int kc = b.getShort();
            long key = bits;
            int[] ki = new int[kc];
            for (int j = 0; j < kc; j++) {
                ki[j] = b.getShort();
                key = key * 31 + ki[j] + 1;
            }
            Flags f = kc == 0 ? interned.get(key) : null;
            if (f == null) {
                Set<String> ks = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                for (int j : ki) {
                    ks.add(kws[j]);
                }
                f = new Flags(Flags.fromBits(bits), ks);
                if (kc == 0) {
                    interned.put(key, f);
                }
            }
            used.addAll(f.keywords());
            long date = b.getLong();
            long size = b.getLong();
            long modSeq = b.getLong();
            long pos = b.getLong();
            long dataPos = b.getLong();
            long rawLen = b.getLong();
            int bools = b.get();
            long fp = b.getLong();
            String file = str(b);
            x.entries.add(new Entry(uid, f, date, size, modSeq, pos, dataPos, rawLen, (bools & 1) != 0, fp,
                    file.isEmpty() ? null : file, (bools & 2) != 0));
        }
        x.keywords = used;
        return x;
    }

    private static String str(ByteBuffer b) {
        int len = b.getShort() & 0xffff;
        byte[] s = new byte[len];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xffff) {
            throw new IllegalArgumentException("name too long for the index");
        }
        return b;
    }

    /** Writes version 2 atomically (and durably when {@code fsync}). */
    public void write(Path p, boolean fsync) throws IOException {
        Map<String, Integer> kwIndex = new LinkedHashMap<>();
        Map<List<Integer>, Integer> setIndex = new LinkedHashMap<>();
        int[] setOf = new int[entries.size()];
        int[] fileOf = new int[entries.size()];
        ByteArrayOutputStream heap = new ByteArrayOutputStream();
        int kwBytes = 0;
        int setBytes = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            setOf[i] = -1;
            if (!e.flags().keywords().isEmpty()) {
                List<Integer> set = new ArrayList<>();
                for (String k : e.flags().keywords()) {
                    Integer ki = kwIndex.get(k);
                    if (ki == null) {
                        ki = kwIndex.size();
                        kwIndex.put(k, ki);
                        kwBytes += 2 + utf8(k).length;
                    }
                    set.add(ki);
                }
                Integer si = setIndex.get(set);
                if (si == null) {
                    si = setIndex.size();
                    setIndex.put(set, si);
                    setBytes += 2 + 2 * set.size();
                }
                setOf[i] = si;
            }
            fileOf[i] = -1;
            if (e.file() != null) {
                byte[] f = utf8(e.file());
                fileOf[i] = heap.size();
                heap.write(f.length >>> 8);
                heap.write(f.length);
                heap.write(f, 0, f.length);
            }
        }
        if (kwIndex.size() > 0xffff || setIndex.size() > Integer.MAX_VALUE / 2) {
            throw new IOException("too many distinct keywords for the index");
        }
        Totals t = Totals.of(entries);
        long len = MAGIC2.length + 9 * 8 + 4 * 4 + 8 + 4 + kwBytes + 4 + setBytes + 4 + heap.size()
                + (long) entries.size() * IndexedEntries.RECORD + 8;
        if (len > Integer.MAX_VALUE - 16) {
            throw new IOException("mailbox too large for its index");
        }
        ByteBuffer b = ByteBuffer.allocate((int) len);
        b.put(MAGIC2);
        b.putLong(stamp.inode()).putLong(stamp.size()).putLong(stamp.mtimeNanos()).putLong(stamp.ctimeNanos());
        b.putLong(check).putLong(uidValidity).putLong(uidNext).putLong(highestModSeq).putLong(journalLength);
        b.putInt(entries.size()).putInt(t.unseen()).putInt(t.deleted()).putInt(t.zeroModSeqs()).putLong(t.size());
        b.putInt(kwIndex.size());
        for (String k : kwIndex.keySet()) {
            byte[] u = utf8(k);
            b.putShort((short) u.length).put(u);
        }
        b.putInt(setIndex.size());
        for (List<Integer> set : setIndex.keySet()) {
            b.putShort((short) set.size());
            for (int k : set) {
                b.putShort((short) k);
            }
        }
        b.putInt(heap.size());
        b.put(heap.toByteArray());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            b.putLong(e.uid()).put((byte) e.flags().systemBits()).put((byte) ((e.plain() ? 1 : 0) | (e.ours() ? 2 : 0)))
                    .putInt(setOf[i]).putLong(e.date()).putLong(e.size()).putLong(e.modSeq()).putLong(e.pos())
                    .putLong(e.dataPos()).putLong(e.rawLen()).putLong(e.fingerprint()).putInt(fileOf[i]);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putLong(crc.getValue());
        Fs.atomicWrite(p, b.array(), fsync);
    }
}
