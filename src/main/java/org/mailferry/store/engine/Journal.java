package org.mailferry.store.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import org.mailferry.store.Flags;

/**
 * The flag journal beside a mailbox (docs/formats.md §6): one record per flag change, appended and
 * fsync'ed before a STORE returns, so flag changes cost O(1) whatever the mailbox size. Records are
 * {@code length:int, payload, crc32c(payload):int}; payload {@code uid:long modseq:long bits:byte
 * nkw:short (len:short utf8)*}. Reading stops at the first torn or damaged record. Replay is idempotent: a
 * record applies only when its mod-sequence is above the message's.
 */
public final class Journal {
    private final Path path;
    private final boolean fsync;

    public Journal(Path path, boolean fsync) {
        this.path = path;
        this.fsync = fsync;
    }

    /** A flag change. */
    public record Change(long uid, long modSeq, Flags flags) {
    }

    /** Records read from {@code from}, and where the valid part ends. */
    public record Read(List<Change> changes, long end) {
    }

    public long size() throws IOException {
        return Files.exists(path) ? Files.size(path) : 0;
    }

    public Read read(long from) throws IOException {
        List<Change> out = new ArrayList<>();
        if (!Files.exists(path)) {
            return new Read(out, 0);
        }
        byte[] all;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (from >= size) {
                return new Read(out, Math.min(from, size));
            }
            ByteBuffer b = ByteBuffer.allocate((int) (size - from));
            Fs.readFully(ch, b, from);
            all = b.array();
        }
        ByteBuffer b = ByteBuffer.wrap(all);
        long end = from;
        while (b.remaining() >= 8) {
            int len = b.getInt();
            if (len < 19 || len > 1 << 20 || b.remaining() < len + 4) {
                break;
            }
            int p = b.position();
            CRC32C crc = new CRC32C();
            crc.update(all, p, len);
            if ((int) crc.getValue() != b.getInt(p + len)) {
                break;
            }
            long uid = b.getLong();
            long modSeq = b.getLong();
            int bits = b.get();
            int nk = b.getShort();
            Set<String> kws = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 0; i < nk; i++) {
                byte[] s = new byte[b.getShort() & 0xffff];
                b.get(s);
                kws.add(new String(s, StandardCharsets.UTF_8));
            }
            b.position(p + len + 4);
            out.add(new Change(uid, modSeq, new Flags(Flags.fromBits(bits), kws)));
            end = from + b.position();
        }
        return new Read(out, end);
    }

    /** Appends records at {@code at} (the end of the valid part) durably; returns the new end. */
    public long append(long at, List<Change> changes) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bo);
        for (Change c : changes) {
            ByteArrayOutputStream po = new ByteArrayOutputStream();
            DataOutputStream p = new DataOutputStream(po);
            p.writeLong(c.uid());
            p.writeLong(c.modSeq());
            p.writeByte(c.flags().systemBits());
            p.writeShort(c.flags().keywords().size());
            for (String k : c.flags().keywords()) {
                byte[] s = k.getBytes(StandardCharsets.UTF_8);
                p.writeShort(s.length);
                p.write(s);
            }
            byte[] payload = po.toByteArray();
            CRC32C crc = new CRC32C();
            crc.update(payload);
            d.writeInt(payload.length);
            d.write(payload);
            d.writeInt((int) crc.getValue());
        }
        boolean created = !Files.exists(path);
        Files.createDirectories(path.getParent());
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (ch.size() > at) {
                ch.truncate(at);
            }
            Fs.writeFully(ch, ByteBuffer.wrap(bo.toByteArray()), at);
            if (fsync) {
                ch.force(false);
            }
        }
        if (created) {
            Fs.syncDir(path.getParent(), fsync);
        }
        return at + bo.size();
    }

    /** Empties the journal (after an index holding every change was written). */
    public void clear() throws IOException {
        if (Files.exists(path)) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                ch.truncate(0);
                if (fsync) {
                    ch.force(true);
                }
            }
        }
    }

    public void delete() throws IOException {
        Files.deleteIfExists(path);
    }
}
