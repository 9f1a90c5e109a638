package org.mailferry.store.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import org.mailferry.store.Flags;

/**
 * The index beside a mailbox (docs/formats.md §5): a cache of what a scan found plus flags, keywords and
 * mod-sequences, valid for the mailbox files whose stamp (inode, size, mtime, ctime) and check value it
 * records. Binary, protected by a CRC32C; replaced atomically. A missing, damaged or lying index only costs
 * a rescan; flag changes since it was written are in the journal.
 */
public final class IndexFile {
    private static final byte[] MAGIC = "MFIDX1\n".getBytes(StandardCharsets.US_ASCII);

    public Fs.Stamp stamp = Fs.Stamp.NONE;
    public long check;
    public long uidValidity;
    public long uidNext;
    public long highestModSeq;
    public long journalLength;
    public List<Entry> entries = new ArrayList<>();

    /** Reads an index, or returns null when it is missing or damaged. */
    public static IndexFile read(Path p) {
        byte[] all;
        try {
            all = Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
        try {
            if (all.length < MAGIC.length + 8) {
                return null;
            }
            CRC32C crc = new CRC32C();
            crc.update(all, 0, all.length - 8);
            ByteBuffer b = ByteBuffer.wrap(all);
            if (b.getLong(all.length - 8) != crc.getValue()) {
                return null;
            }
            for (int i = 0; i < MAGIC.length; i++) {
                if (b.get() != MAGIC[i]) {
                    return null;
                }
            }
            IndexFile x = new IndexFile();
            x.stamp = new Fs.Stamp(b.getLong(), b.getLong(), b.getLong(), b.getLong());
            x.check = b.getLong();
            x.uidValidity = b.getLong();
            x.uidNext = b.getLong();
            x.highestModSeq = b.getLong();
            x.journalLength = b.getLong();
            int nk = b.getInt();
            String[] kws = new String[nk];
            for (int i = 0; i < nk; i++) {
                kws[i] = str(b);
            }
            int n = b.getInt();
            x.entries = new ArrayList<>(n);
            Map<Long, Flags> interned = new HashMap<>();
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
            return x;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String str(ByteBuffer b) {
        int len = b.getShort() & 0xffff;
        byte[] s = new byte[len];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static void str(DataOutputStream d, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.writeShort(b.length);
        d.write(b);
    }

    public void write(Path p, boolean fsync) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream(64 + entries.size() * 90);
        DataOutputStream d = new DataOutputStream(bo);
        d.write(MAGIC);
        d.writeLong(stamp.inode());
        d.writeLong(stamp.size());
        d.writeLong(stamp.mtimeNanos());
        d.writeLong(stamp.ctimeNanos());
        d.writeLong(check);
        d.writeLong(uidValidity);
        d.writeLong(uidNext);
        d.writeLong(highestModSeq);
        d.writeLong(journalLength);
        Map<String, Integer> kwIndex = new LinkedHashMap<>();
        for (Entry e : entries) {
            for (String k : e.flags().keywords()) {
                kwIndex.putIfAbsent(k, kwIndex.size());
            }
        }
        d.writeInt(kwIndex.size());
        for (String k : kwIndex.keySet()) {
            str(d, k);
        }
        d.writeInt(entries.size());
        for (Entry e : entries) {
            d.writeLong(e.uid());
            d.writeByte(e.flags().systemBits());
            d.writeShort(e.flags().keywords().size());
            for (String k : e.flags().keywords()) {
                d.writeShort(kwIndex.get(k));
            }
            d.writeLong(e.date());
            d.writeLong(e.size());
            d.writeLong(e.modSeq());
            d.writeLong(e.pos());
            d.writeLong(e.dataPos());
            d.writeLong(e.rawLen());
            d.writeByte((e.plain() ? 1 : 0) | (e.ours() ? 2 : 0));
            d.writeLong(e.fingerprint());
            str(d, e.file() == null ? "" : e.file());
        }
        d.flush();
        CRC32C crc = new CRC32C();
        byte[] body = bo.toByteArray();
        crc.update(body);
        d.writeLong(crc.getValue());
        Fs.atomicWrite(p, bo.toByteArray(), fsync);
    }
}
