package org.mailferry.store.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.store.Flags;

/** The index file: version 2 read lazily gives back what was written; damage is noticed; version 1 still reads. */
class IndexFileTest {
    @TempDir
    Path tmp;

    static List<Entry> randomEntries(Random r, int n) {
        String[] kws = {"$Junk", "Work", "$label1", "Later", "$Forwarded"};
        List<Entry> out = new ArrayList<>();
        long uid = 0;
        for (int i = 0; i < n; i++) {
            uid += 1 + r.nextInt(3);
            Set<String> k = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (String kw : kws) {
                if (r.nextInt(6) == 0) {
                    k.add(kw);
                }
            }
            String file = r.nextBoolean() ? null : uid + "-S-20240101000000" + "é".repeat(r.nextInt(3));
            out.add(new Entry(uid, new Flags(Flags.fromBits(r.nextInt(32)), k), r.nextLong() >>> 20,
                    r.nextInt(1 << 20), r.nextInt(3) == 0 ? 0 : r.nextLong() >>> 2, r.nextLong() >>> 1,
                    r.nextLong() >>> 1, r.nextInt(1 << 20), r.nextBoolean(), r.nextLong(), file, r.nextBoolean()));
        }
        return out;
    }

    @Test
    void version2RoundTripsAndKeepsTheStatusFigures() throws IOException {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int round = 0; round < 20; round++) {
            IndexFile x = new IndexFile();
            x.stamp = new Fs.Stamp(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
            x.check = r.nextLong();
            x.uidValidity = 1 + r.nextInt(1 << 30);
            x.uidNext = r.nextLong() >>> 1;
            x.highestModSeq = r.nextLong() >>> 1;
            x.journalLength = r.nextInt(1000);
            x.entries = randomEntries(r, round == 0 ? 0 : r.nextInt(500));
            Path p = tmp.resolve("idx" + round);
            x.write(p, false);
            IndexFile y = IndexFile.read(p);
            assertThat(y).as("seed %d round %d", seed, round).isNotNull();
            assertThat(y.entries).as("seed %d round %d", seed, round).isInstanceOf(IndexedEntries.class)
                    .containsExactlyElementsOf(x.entries);
            assertThat(y.totals).as("seed %d round %d", seed, round).isEqualTo(IndexFile.Totals.of(x.entries));
            assertThat(List.of(y.stamp, y.check, y.uidValidity, y.uidNext, y.highestModSeq, y.journalLength))
                    .isEqualTo(List.of(x.stamp, x.check, x.uidValidity, x.uidNext, x.highestModSeq, x.journalLength));
            Set<String> used = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            x.entries.forEach(e -> used.addAll(e.flags().keywords()));
            assertThat(y.keywords).containsExactlyInAnyOrderElementsOf(used);
            IndexedEntries ie = (IndexedEntries) y.entries;
            for (int i = 0; i < ie.size(); i++) {
                assertThat(ie.uid(i)).isEqualTo(x.entries.get(i).uid());
            }
            if (!x.entries.isEmpty()) {
                long mid = x.entries.get(x.entries.size() / 2).uid();
                assertThat(ie.firstAbove(mid)).isEqualTo(x.entries.size() / 2 + 1);
            }
        }
    }

    @Test
    void anyDamagedByteMakesTheIndexUnreadable() throws IOException {
        IndexFile x = new IndexFile();
        x.entries = randomEntries(new Random(7), 5);
        Path p = tmp.resolve("idx");
        x.write(p, false);
        byte[] good = Files.readAllBytes(p);
        for (int i = 0; i < good.length; i += 7) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            Files.write(p, bad);
            assertThat(IndexFile.read(p)).as("byte %d flipped", i).isNull();
        }
        Files.write(p, java.util.Arrays.copyOf(good, good.length - 1));
        assertThat(IndexFile.read(p)).isNull();
    }

    @Test
    void aVersion1IndexIsStillRead() throws IOException {
        List<Entry> entries = randomEntries(new Random(11), 50);
        Path p = tmp.resolve("idx1");
        Files.write(p, version1(entries, 99, 1234));
        IndexFile y = IndexFile.read(p);
        assertThat(y).isNotNull();
        assertThat(y.entries).containsExactlyElementsOf(entries);
        assertThat(y.uidNext).isEqualTo(99);
        assertThat(y.uidValidity).isEqualTo(1234);
        assertThat(y.totals).isNull();
    }

    /** The version 1 layout (MFIDX1), as the first releases wrote it. */
    private static byte[] version1(List<Entry> entries, long uidNext, long uidValidity) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bo);
        d.write("MFIDX1\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 5; i++) {
            d.writeLong(i);
        }
        d.writeLong(uidValidity);
        d.writeLong(uidNext);
        d.writeLong(5);
        d.writeLong(0);
        Map<String, Integer> kw = new LinkedHashMap<>();
        entries.forEach(e -> e.flags().keywords().forEach(k -> kw.putIfAbsent(k, kw.size())));
        d.writeInt(kw.size());
        for (String k : kw.keySet()) {
            byte[] b = k.getBytes(StandardCharsets.UTF_8);
            d.writeShort(b.length);
            d.write(b);
        }
        d.writeInt(entries.size());
        for (Entry e : entries) {
            d.writeLong(e.uid());
            d.writeByte(e.flags().systemBits());
            d.writeShort(e.flags().keywords().size());
            for (String k : e.flags().keywords()) {
                d.writeShort(kw.get(k));
            }
            d.writeLong(e.date());
            d.writeLong(e.size());
            d.writeLong(e.modSeq());
            d.writeLong(e.pos());
            d.writeLong(e.dataPos());
            d.writeLong(e.rawLen());
            d.writeByte((e.plain() ? 1 : 0) | (e.ours() ? 2 : 0));
            d.writeLong(e.fingerprint());
            byte[] f = (e.file() == null ? "" : e.file()).getBytes(StandardCharsets.UTF_8);
            d.writeShort(f.length);
            d.write(f);
        }
        d.flush();
        CRC32C crc = new CRC32C();
        crc.update(bo.toByteArray());
        d.writeLong(crc.getValue());
        return bo.toByteArray();
    }
}
