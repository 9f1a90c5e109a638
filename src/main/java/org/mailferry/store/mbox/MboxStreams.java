package org.mailferry.store.mbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mailferry.mime.MboxQuoting;
import org.mailferry.store.MessageSource;
import org.mailferry.store.StoreException;

/** Small streams the mbox backend uses: positional channel input, limits, un-quoting, counting, spooling. */
final class MboxStreams {
    private MboxStreams() {
    }
}

/** Reads {@code len} bytes of a channel from {@code pos} without moving the channel's position. */
final class ChannelInput extends InputStream {
    private final FileChannel ch;
    private long pos;
    private long left;
    private final ByteBuffer buf;

    ChannelInput(FileChannel ch, long pos, long len) {
        this.ch = ch;
        this.pos = pos;
        this.left = Math.max(0, len);
        this.buf = ByteBuffer.allocate((int) Math.clamp(left, 1, 65536)); // most messages are far smaller
        buf.limit(0);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!buf.hasRemaining()) {
            if (left == 0) {
                return -1;
            }
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), left));
            int r = ch.read(buf, pos);
            if (r <= 0) {
                throw new IOException("mailbox file shorter than its index says");
            }
            pos += r;
            left -= r;
            buf.flip();
        }
        int n = Math.min(len, buf.remaining());
        buf.get(b, off, n);
        return n;
    }
}

/** An InputStream un-quoting mboxrd as it reads. */
final class Unquoting extends InputStream {
    private final InputStream in;
    private final Buf out = new Buf();
    private final MboxQuoting.Unquoter u = new MboxQuoting.Unquoter(out);
    private final byte[] chunk = new byte[16384];
    private int rd;
    private boolean eof;

    private Unquoting(InputStream in) {
        this.in = in;
    }

    static InputStream stream(InputStream in) {
        return new Unquoting(in);
    }

    private static final class Buf extends java.io.ByteArrayOutputStream {
        byte[] array() {
            return buf;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (rd >= out.size()) {
            if (eof) {
                return -1;
            }
            out.reset();
            rd = 0;
            int r = in.read(chunk);
            if (r < 0) {
                eof = true;
                u.finish();
            } else {
                u.write(chunk, 0, r);
                u.drain();
            }
        }
        int n = Math.min(len, out.size() - rd);
        System.arraycopy(out.array(), rd, b, off, n);
        rd += n;
        return n;
    }
}

/** Counts bytes, remembers the last one and the first bytes after a mark (for the fingerprint). */
final class CountingOut extends OutputStream {
    private final OutputStream out;
    long count;
    int lastByte = -1;
    private long captureFrom = Long.MAX_VALUE;
    private final byte[] captured = new byte[MboxScanner.FINGERPRINT_BYTES];
    private int capturedLen;

    CountingOut(OutputStream out) {
        this.out = out;
    }

    void captureFrom(long at) {
        captureFrom = at;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        out.write(b, off, len);
        long start = count;
        count += len;
        lastByte = b[off + len - 1] & 0xff;
        if (count > captureFrom && capturedLen < captured.length) {
            int skip = (int) Math.max(0, captureFrom - start);
            int n = Math.min(len - skip, captured.length - capturedLen);
            if (n > 0) {
                System.arraycopy(b, off + skip, captured, capturedLen, n);
                capturedLen += n;
            }
        }
    }

    /** The scanner's fingerprint of the first bytes written after the mark, limited to {@code rawLen}. */
    long fingerprint(long size, long rawLen) {
        int n = (int) Math.min(capturedLen, rawLen);
        long h = 0xcbf29ce484222325L ^ size;
        for (int i = 0; i < n; i++) {
            h = (h ^ (captured[i] & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}

/** A message source whose size is known: the source itself, or a copy spooled to a temporary file. */
final class Spooled {
    private final MessageSource src;
    private final long size;

    private Spooled(MessageSource src, long size) {
        this.src = src;
        this.size = size;
    }

    static Spooled of(MessageSource s, Path dir, long maxSize, List<Path> spools) throws IOException {
        long n = s.size();
        if (n >= 0) {
            if (maxSize >= 0 && n > maxSize) {
                throw new MboxQuoting.LimitExceeded(maxSize);
            }
            return new Spooled(s, n);
        }
        Path tmp = Files.createTempFile(dir, ".mfspool", ".tmp");
        spools.add(tmp);
        long total = 0;
        try (InputStream in = s.open(); OutputStream out = Files.newOutputStream(tmp)) {
            byte[] b = new byte[65536];
            for (int r; (r = in.read(b)) > 0; ) {
                total += r;
                if (maxSize >= 0 && total > maxSize) {
                    throw new MboxQuoting.LimitExceeded(maxSize);
                }
                out.write(b, 0, r);
            }
        }
        return new Spooled(MessageSource.ofPath(tmp), total);
    }

    long size() {
        return size;
    }

    InputStream open() throws IOException {
        try {
            return src.open();
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.UNAVAILABLE, "could not read the message", e);
        }
    }
}
