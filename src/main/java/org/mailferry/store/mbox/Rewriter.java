package org.mailferry.store.mbox;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
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
 * "MFRW1\n"  offset:long  length:long  content[length]  crc32c(content):long  "END\n"
 * </pre>
 * and means: the mailbox file from {@code offset} on is {@code content}. It is written and fsync'ed before
 * the mailbox is touched; applying it (copy, truncate, fsync, delete) can be repeated after a crash. A redo
 * file without its trailer was cut short before the mailbox was touched and is deleted.
 */
final class Rewriter {
    private static final byte[] MAGIC = "MFRW1\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "END\n".getBytes(StandardCharsets.US_ASCII);

    private Rewriter() {
    }

    /** Writes the redo file for messages {@code keep} placed from {@code at}; returns their new entries. */
    static List<Entry> writeRedo(FileChannel mbox, Path redo, long at, List<Entry> keep, boolean fsync)
            throws IOException {
        List<Entry> out = new ArrayList<>(keep.size());
        Files.createDirectories(redo.getParent());
        try (FileChannel rc = FileChannel.open(redo, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            CRC32C crc = new CRC32C();
            long length;
            OutputStream raw = new BufferedOutputStream(new java.io.FilterOutputStream(Channels.newOutputStream(rc)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush(); // keep the channel open: the length is patched in afterwards
                }
            }, 1 << 16);
            {
                DataOutputStream d = new DataOutputStream(raw);
                d.write(MAGIC);
                d.writeLong(at);
                d.writeLong(0); // length, patched below
                long pos = at;
                byte[] copyBuf = new byte[1 << 16];
                for (Entry e : keep) {
                    String sender = senderOf(mbox, e);
                    byte[] from = FromLine.format(sender, e.flags().systemBits(), e.uid(), e.size(),
                            e.flags().keywords(), Instant.ofEpochSecond(e.date()));
                    d.write(from);
                    crc.update(from);
                    long dataPos = pos + from.length;
                    int last = -1;
                    try (InputStream in = new ChannelInput(mbox, e.dataPos(), e.rawLen())) {
                        for (int r; (r = in.read(copyBuf)) > 0; ) {
                            d.write(copyBuf, 0, r);
                            crc.update(copyBuf, 0, r);
                            last = copyBuf[r - 1];
                        }
                    }
                    byte[] tail = e.rawLen() == 0 || last == '\n' ? new byte[]{'\n'} : new byte[]{'\n', '\n'};
                    d.write(tail);
                    crc.update(tail);
                    out.add(new Entry(e.uid(), e.flags(), e.date(), e.size(), e.modSeq(), pos, dataPos, e.rawLen(),
                            e.plain(), e.fingerprint(), null, true));
                    pos = dataPos + e.rawLen() + tail.length;
                }
                length = pos - at;
                d.writeLong(crc.getValue());
                d.write(END);
                d.flush();
            }
            ByteBuffer len = ByteBuffer.allocate(8).putLong(0, length);
            Fs.writeFully(rc, len, MAGIC.length + 8);
            if (fsync) {
                rc.force(true);
            }
        }
        Fs.syncDir(redo.getParent(), fsync);
        return out;
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
        long size = Files.size(redo);
        long at = -1;
        long length = -1;
        boolean ok = false;
        if (size >= MAGIC.length + 16 + 8 + END.length) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(redo), 1 << 16))) {
                byte[] m = in.readNBytes(MAGIC.length);
                at = in.readLong();
                length = in.readLong();
                if (java.util.Arrays.equals(m, MAGIC) && length >= 0 && at >= 0
                        && size == MAGIC.length + 16 + length + 8 + END.length) {
                    CRC32C crc = new CRC32C();
                    byte[] buf = new byte[1 << 16];
                    long left = length;
                    while (left > 0) {
                        int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                        if (r < 0) {
                            break;
                        }
                        crc.update(buf, 0, r);
                        left -= r;
                    }
                    ok = left == 0 && in.readLong() == crc.getValue()
                            && java.util.Arrays.equals(in.readNBytes(END.length), END);
                }
            }
        }
        if (ok) {
            try (FileChannel rc = FileChannel.open(redo, StandardOpenOption.READ)) {
                long done = 0;
                long src = MAGIC.length + 16;
                while (done < length) {
                    long n = rc.transferTo(src + done, length - done, positioned(mbox, at + done));
                    if (n <= 0) {
                        throw new IOException("could not copy the rewritten tail");
                    }
                    done += n;
                }
            }
            mbox.truncate(at + length);
            if (fsync) {
                mbox.force(true);
            }
        }
        Files.deleteIfExists(redo);
        Fs.syncDir(redo.getParent(), fsync);
    }

    private static java.nio.channels.WritableByteChannel positioned(FileChannel ch, long pos) {
        return new java.nio.channels.WritableByteChannel() {
            long p = pos;

            @Override
            public int write(ByteBuffer src) throws IOException {
                int n = ch.write(src, p);
                p += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return ch.isOpen();
            }

            @Override
            public void close() {
            }
        };
    }
}
