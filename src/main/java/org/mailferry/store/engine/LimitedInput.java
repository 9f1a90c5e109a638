package org.mailferry.store.engine;

import java.io.IOException;
import java.io.InputStream;

/** At most {@code left} bytes of another stream. */
public final class LimitedInput extends InputStream {
    private final InputStream in;
    private long left;

    public LimitedInput(InputStream in, long left) {
        this.in = in;
        this.left = left;
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return -1;
        }
        int c = in.read();
        if (c >= 0) {
            left--;
        }
        return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int r = in.read(b, off, (int) Math.min(len, left));
        if (r > 0) {
            left -= r;
        }
        return r;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
