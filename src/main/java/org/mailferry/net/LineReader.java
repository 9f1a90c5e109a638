package org.mailferry.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A buffered input stream that also reads protocol lines with a length limit.
 *
 * <p>Lines end with LF; a CR before the LF is dropped. A line longer than the limit is consumed (up to a
 * bounded amount) and reported with {@link LineTooLongException}, never buffered whole. The buffer is owned
 * here so that STARTTLS can see and discard plaintext the client pipelined behind the command
 * ({@link #discardBuffered()}) before the source is switched to the TLS stream ({@link #setSource}).
 *
 * <p>Not thread-safe: one reader per connection. Knows no protocol and no socket.
 */
public final class LineReader extends InputStream {
    /** After a too-long line, at most this many further bytes are skipped looking for its end. */
    private static final long MAX_SKIP = 1 << 20;

    private InputStream in;
    private final byte[] buf;
    private int pos;
    private int end;
    private long total;

    public LineReader(InputStream in) {
        this(in, 16 * 1024);
    }

    public LineReader(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** Replaces the source stream (after a TLS handshake); the buffer must be empty. */
    public void setSource(InputStream source) {
        if (pos != end) {
            throw new IllegalStateException("buffered plaintext left before switching source");
        }
        this.in = source;
    }

    /** The number of bytes read from the source but not yet consumed. */
    public int buffered() {
        return end - pos;
    }

    /** Drops every buffered byte and returns how many there were. */
    public int discardBuffered() {
        int n = end - pos;
        pos = end = 0;
        return n;
    }

    /** Bytes consumed so far (lines, their ends, and raw reads). */
    public long consumed() {
        return total;
    }

    private boolean fill() throws IOException {
        if (pos < end) {
            return true;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }

    /**
     * Reads one line without its CRLF or LF.
     *
     * @param max the longest line accepted, not counting the line end
     * @return the line, or null at end of stream before any byte of a new line
     * @throws EOFException          when the stream ends inside a line
     * @throws LineTooLongException  when the line is longer than {@code max}
     */
    public byte[] readLine(int max) throws IOException {
        byte[] out = null;
        int len = 0;
        while (true) {
            if (!fill()) {
                if (out == null && len == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside a line");
            }
            int start = pos;
            int lf = -1;
            for (int i = pos; i < end; i++) {
                if (buf[i] == '\n') {
                    lf = i;
                    break;
                }
            }
            int chunkEnd = lf >= 0 ? lf : end;
            int chunk = chunkEnd - start;
            if (len + chunk > max + 1) { // +1: a CR may still be dropped
                pos = lf >= 0 ? lf + 1 : end;
                total += pos - start;
                boolean ended = lf >= 0 || skipToLineEnd();
                throw new LineTooLongException(max, ended);
            }
            if (out == null) {
                out = new byte[Math.max(128, Math.min(max + 1, chunk + 64))];
            } else if (len + chunk > out.length) {
                out = Arrays.copyOf(out, Math.min(max + 1, Math.max(out.length * 2, len + chunk)));
            }
            System.arraycopy(buf, start, out, len, chunk);
            len += chunk;
            if (lf >= 0) {
                pos = lf + 1;
                total += pos - start;
                if (len > 0 && out[len - 1] == '\r') {
                    len--;
                }
                if (len > max) {
                    throw new LineTooLongException(max, true);
                }
                return Arrays.copyOf(out, len);
            }
            pos = end;
            total += chunk;
        }
    }

    private boolean skipToLineEnd() throws IOException {
        long skipped = 0;
        while (skipped < MAX_SKIP) {
            if (!fill()) {
                return false;
            }
            for (int i = pos; i < end; i++) {
                if (buf[i] == '\n') {
                    total += i + 1 - pos;
                    pos = i + 1;
                    return true;
                }
            }
            skipped += end - pos;
            total += end - pos;
            pos = end;
        }
        return false;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        total++;
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos < end) {
            int n = Math.min(len, end - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            total += n;
            return n;
        }
        if (len >= buf.length) {
            int n = in.read(b, off, len);
            if (n > 0) {
                total += n;
            }
            return n;
        }
        if (!fill()) {
            return -1;
        }
        return read(b, off, len);
    }

    /**
     * Copies bytes up to and including the next LF, or {@code len} bytes when no LF comes first, blocking until
     * one of the two (or end of stream). Never reads past the LF, so pipelined commands stay buffered.
     *
     * @return the number of bytes copied, or -1 at end of stream
     */
    public int readSegment(byte[] dst, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            if (!fill()) {
                return n == 0 ? -1 : n;
            }
            int max = Math.min(end - pos, len - n);
            int i = 0;
            while (i < max) {
                if (buf[pos + i++] == '\n') {
                    System.arraycopy(buf, pos, dst, off + n, i);
                    pos += i;
                    total += i;
                    return n + i;
                }
            }
            System.arraycopy(buf, pos, dst, off + n, max);
            pos += max;
            total += max;
            n += max;
        }
        return n;
    }

    /** Reads exactly {@code b.length} bytes or throws {@link EOFException}. */
    public void readFully(byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = read(b, off, b.length - off);
            if (n < 0) {
                throw new EOFException("connection closed inside a literal");
            }
            off += n;
        }
    }

    @Override
    public int available() throws IOException {
        return (end - pos) + in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
