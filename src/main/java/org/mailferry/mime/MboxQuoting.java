package org.mailferry.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.mailferry.util.ByteSearch;

/**
 * mboxrd quoting (docs/formats.md §2): on write, every line matching {@code ^>*From } gets one more
 * {@code >}; on read, every line matching {@code ^>+From } loses one. The round trip is byte-exact for any
 * input, whatever its line ends (a line starts after LF). Streaming state machines holding at most six
 * bytes back, so lines of any length pass in constant memory. Pure codec.
 */
public final class MboxQuoting {
    private static final byte[] FROM = {'F', 'r', 'o', 'm', ' '};

    private MboxQuoting() {
    }

    /** Common state: line start, a run of leading '>', a partial "From " held back, an output buffer. */
    private abstract static class Machine {
        final OutputStream out;
        final byte[] buf = new byte[16384];
        int n;
        boolean lineStart = true;
        boolean inRun;
        final byte[] held = new byte[FROM.length];
        int heldLen;
        long written;
        long changedLines;

        Machine(OutputStream out) {
            this.out = out;
        }

        final void put(int c) throws IOException {
            if (n == buf.length) {
                out.write(buf, 0, n);
                n = 0;
            }
            buf[n++] = (byte) c;
            written++;
        }

        final void putHeld() throws IOException {
            for (int i = 0; i < heldLen; i++) {
                put(held[i]);
            }
            heldLen = 0;
        }

        /**
         * Feeds bytes. Inside a line (nothing held back, not at its start) nothing can change until the next
         * LF, so that stretch is copied in bulk; only line starts go through {@link #step}.
         */
        public final void write(byte[] b, int off, int len) throws IOException {
            int i = off;
            int end = off + len;
            while (i < end) {
                if (heldLen == 0 && !lineStart && !inRun) {
                    int j = ByteSearch.indexOf(b, i, end, (byte) '\n');
                    int stop = j < end ? j + 1 : end;
                    putAll(b, i, stop - i);
                    lineStart = j < end;
                    i = stop;
                } else {
                    step(b[i++]);
                }
            }
        }

        private void putAll(byte[] b, int off, int len) throws IOException {
            written += len;
            while (len > 0) {
                if (n == buf.length) {
                    out.write(buf, 0, n);
                    n = 0;
                }
                int k = Math.min(len, buf.length - n);
                System.arraycopy(b, off, buf, n, k);
                n += k;
                off += k;
                len -= k;
            }
        }

        abstract void step(byte c) throws IOException;

        abstract void flushPending() throws IOException;

        /** Ends the message: writes what is held back and flushes the buffer (does not close). */
        public final void finish() throws IOException {
            flushPending();
            out.write(buf, 0, n);
            n = 0;
            out.flush();
        }

        /** Passes on the bytes produced so far (not those held back for a pending match). */
        public final void drain() throws IOException {
            out.write(buf, 0, n);
            n = 0;
        }

        /** Bytes produced so far (including any still in the buffer). */
        public final long written() {
            return written;
        }

        /** Lines that got (quoter) or lost (unquoter) a '>'. */
        public final long changedLines() {
            return changedLines;
        }
    }

    /** Quotes: {@code ^>*From } gets one more '>'. */
    public static final class Quoter extends Machine {
        public Quoter(OutputStream out) {
            super(out);
        }

        @Override
        void step(byte c) throws IOException {
            if (heldLen > 0 || lineStart || inRun) {
                if (heldLen == 0 && c == '>') {
                    put(c);
                    inRun = true;
                    lineStart = false;
                    return;
                }
                if (c == FROM[heldLen]) {
                    held[heldLen++] = c;
                    lineStart = false;
                    inRun = false;
                    if (heldLen == FROM.length) {
                        put('>');
                        changedLines++;
                        putHeld();
                    }
                    return;
                }
                putHeld();
                inRun = false;
            }
            put(c);
            lineStart = c == '\n';
        }

        @Override
        void flushPending() throws IOException {
            putHeld();
        }
    }

    /** Un-quotes: {@code ^>+From } loses one '>'. */
    public static final class Unquoter extends Machine {
        private boolean heldGt;

        public Unquoter(OutputStream out) {
            super(out);
        }

        @Override
        void step(byte c) throws IOException {
            if (lineStart || inRun || heldLen > 0) {
                if (heldLen == 0 && c == '>') {
                    if (lineStart) {
                        heldGt = true;
                    } else {
                        put(c);
                    }
                    inRun = true;
                    lineStart = false;
                    return;
                }
                if (heldGt && c == FROM[heldLen]) {
                    held[heldLen++] = c;
                    if (heldLen == FROM.length) {
                        heldGt = false;
                        changedLines++;
                        putHeld();
                        inRun = false;
                    }
                    return;
                }
                flushPending();
                inRun = false;
            }
            put(c);
            lineStart = c == '\n';
        }

        @Override
        void flushPending() throws IOException {
            if (heldGt) {
                put('>');
                heldGt = false;
            }
            putHeld();
        }
    }

    /** Copies {@code in} to {@code out} quoted; returns the quoter for its counts. */
    public static Quoter quote(InputStream in, OutputStream out, long limit) throws IOException {
        Quoter q = new Quoter(out);
        copy(in, q, limit);
        return q;
    }

    private static void copy(InputStream in, Machine m, long limit) throws IOException {
        byte[] b = new byte[16384];
        long total = 0;
        for (int r; (r = in.read(b)) > 0; ) {
            total += r;
            if (limit >= 0 && total > limit) {
                throw new LimitExceeded(limit);
            }
            m.write(b, 0, r);
        }
        m.finish();
    }

    /** Thrown when a message is longer than allowed. */
    public static final class LimitExceeded extends IOException {
        public LimitExceeded(long limit) {
            super("message longer than " + limit + " bytes");
        }
    }

    /** True when the bytes contain no line a quoter or unquoter would change (fast path check). */
    public static boolean needsNoChange(byte[] b, int off, int len) {
        boolean lineStart = true;
        for (int i = off, end = off + len; i < end; i++) {
            byte c = b[i];
            if (lineStart) {
                int j = i;
                while (j < end && b[j] == '>') {
                    j++;
                }
                if (j + FROM.length <= end && b[j] == 'F' && b[j + 1] == 'r' && b[j + 2] == 'o' && b[j + 3] == 'm'
                        && b[j + 4] == ' ') {
                    return false;
                }
            }
            lineStart = c == '\n';
        }
        return true;
    }
}
