package org.mailferry.store.mbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.mailferry.mime.FromLine;
import org.mailferry.store.engine.Entry;
import org.mailferry.store.engine.Fs;

/**
 * The crash-safe tail rewrite of an mbox file (docs/formats.md §1.4). The redo file is
 * <pre>
 * "MFRW2\n"  offset:long  length:long  content[length]  "END\n"
 * </pre>
 * and means: the mailbox file from {@code offset} on is {@code content}. The content is written and
 * fsync'ed first, then the length and the trailer (fsync'ed again), so a file with its trailer is complete;
 * only then is the mailbox touched. Applying it (copy, truncate, fsync, delete) can be repeated after a
 * crash; a redo file without its trailer was cut short before the mailbox was touched and is deleted.
 * Message bodies are copied by the kernel ({@link FileChannel#transferTo}), never through the heap. Version 1
 * files ({@code MFRW1}, with a CRC32C of the content before the trailer) left by an older release are still
 * applied.
 */
final class Rewriter {
    private static final byte[] MAGIC1 = "MFRW1\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC = "MFRW2\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "END\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEAD = MAGIC.length + 16;

    private Rewriter() {
    }

    /** Writes the redo file for messages {@code keep} placed from {@code at}; returns their new entries. */
    static List<Entry> writeRedo(FileChannel mbox, Path redo, long at, List<Entry> keep, boolean fsync)
            throws IOException {
        List<Entry> out = new ArrayList<>(keep.size());
        Files.createDirectories(redo.getParent());
        try (FileChannel rc = FileChannel.open(redo, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer head = ByteBuffer.allocate(HEAD).put(MAGIC).putLong(at).putLong(0).flip();
            Fs.writeFully(rc, head, 0);
            long pos = at;
            long w = HEAD;
            ByteBuffer last = ByteBuffer.allocate(1);
            for (Entry e : keep) {
                String sender = senderOf(mbox, e);
                byte[] from = FromLine.format(sender, e.flags().systemBits(), e.uid(), e.size(),
                        e.flags().keywords(), Instant.ofEpochSecond(e.date()));
                Fs.writeFully(rc, ByteBuffer.wrap(from), w);
                w += from.length;
                long dataPos = pos + from.length;
                copy(mbox, e.dataPos(), e.rawLen(), rc, w);
                w += e.rawLen();
                boolean nl = true;
                if (e.rawLen() > 0) {
                    last.clear();
                    Fs.readFully(mbox, last, e.dataPos() + e.rawLen() - 1);
                    nl = last.get(0) == '\n';
                }
                byte[] tail = nl ? new byte[]{'\n'} : new byte[]{'\n', '\n'};
                Fs.writeFully(rc, ByteBuffer.wrap(tail), w);
                w += tail.length;
                out.add(new Entry(e.uid(), e.flags(), e.date(), e.size(), e.modSeq(), pos, dataPos, e.rawLen(),
                        e.plain(), e.fingerprint(), null, true));
                pos = dataPos + e.rawLen() + tail.length;
            }
            if (fsync) {
                rc.force(true); // the content is on disk before the trailer says it is complete
            }
            Fs.writeFully(rc, ByteBuffer.allocate(8).putLong(0, pos - at), MAGIC.length + 8);
            Fs.writeFully(rc, ByteBuffer.wrap(END), w);
            if (fsync) {
                rc.force(true);
            }
        }
        Fs.syncDir(redo.getParent(), fsync);
        return out;
    }

    /**
     * Copies {@code len} bytes of {@code from} at {@code pos} to {@code to} at {@code at}, in the kernel
     * (file to file, copy_file_range or sendfile). Moves {@code to}'s position, which only appends use, under
     * the same lock.
     */
    private static void copy(FileChannel from, long pos, long len, FileChannel to, long at) throws IOException {
        long done = 0;
        to.position(at);
        while (done < len) {
            long n = from.transferTo(pos + done, len - done, to);
            if (n <= 0) {
                throw new IOException("mailbox file shorter than its index says");
            }
            done += n;
        }
    }

    private static String senderOf(FileChannel mbox, Entry e) throws IOException {
        int len = (int) Math.min(4096, e.dataPos() - e.pos());
        if (len <= 0) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(len);
        Fs.readFully(mbox, b, e.pos());
        return FromLine.parse(b.array(), 0, len, Instant.EPOCH).sender();
    }

    /** Applies {@code redo} to the mailbox if it is complete; deletes it in any case. */
    static void apply(FileChannel mbox, Path redo, boolean fsync) throws IOException {
        if (!Files.exists(redo)) {
            return;
        }
        long at = -1;
        long length = -1;
        long contentAt = HEAD;
        try (FileChannel rc = FileChannel.open(redo, StandardOpenOption.READ)) {
            long size = rc.size();
            if (size >= HEAD + END.length) {
                ByteBuffer h = ByteBuffer.allocate(HEAD);
                Fs.readFully(rc, h, 0);
                byte[] magic = java.util.Arrays.copyOf(h.array(), MAGIC.length);
                long a = h.getLong(MAGIC.length);
                long l = h.getLong(MAGIC.length + 8);
                ByteBuffer t = ByteBuffer.allocate(END.length);
                Fs.readFully(rc, t, size - END.length);
                boolean trailer = java.util.Arrays.equals(t.array(), END) && a >= 0 && l >= 0;
                if (trailer && java.util.Arrays.equals(magic, MAGIC) && size == HEAD + l + END.length) {
                    at = a;
                    length = l;
                } else if (trailer && java.util.Arrays.equals(magic, MAGIC1) && size == HEAD + l + 8 + END.length
                        && crcOk(rc, l, size - END.length - 8)) {
                    at = a;
                    length = l;
                }
            }
            if (length >= 0) {
                copy(rc, contentAt, length, mbox, at);
                mbox.truncate(at + length);
                if (fsync) {
                    mbox.force(true);
                }
            }
        }
        Files.deleteIfExists(redo);
        Fs.syncDir(redo.getParent(), fsync);
    }

    /** Version 1: the content's CRC32C, stored at {@code crcAt}, matches. */
    private static boolean crcOk(FileChannel rc, long length, long crcAt) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        for (long p = HEAD; p < HEAD + length; ) {
            b.clear().limit((int) Math.min(b.capacity(), HEAD + length - p));
            int r = rc.read(b, p);
            if (r <= 0) {
                return false;
            }
            b.flip();
            crc.update(b);
            p += r;
        }
        ByteBuffer c = ByteBuffer.allocate(8);
        Fs.readFully(rc, c, crcAt);
        return c.getLong(0) == crc.getValue();
    }
}
