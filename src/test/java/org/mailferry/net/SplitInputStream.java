package org.mailferry.net;

import java.io.InputStream;

/**
 * Test input that delivers its bytes in two reads split at a given position, then at most {@code step} bytes
 * per read — for feeding parsers input split at every byte position.
 */
public final class SplitInputStream extends InputStream {
    private final byte[] data;
    private final int split;
    private final int step;
    private int pos;

    public SplitInputStream(byte[] data, int split) {
        this(data, split, Integer.MAX_VALUE);
    }

    public SplitInputStream(byte[] data, int split, int step) {
        this.data = data;
        this.split = split;
        this.step = step;
    }

    @Override
    public int read() {
        return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= data.length) {
            return -1;
        }
        int limit = pos < split ? split : data.length;
        int n = Math.min(Math.min(len, limit - pos), step);
        if (n <= 0) {
            n = Math.min(len, data.length - pos);
        }
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}
