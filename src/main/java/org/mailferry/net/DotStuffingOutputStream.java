package org.mailferry.net;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes content as a dot-terminated text block (RFC 5321 §4.5.2, RFC 1939 §3): a dot is added before every
 * line that starts with one, bare LFs become CRLF, and {@link #finish()} ends the last line if needed and
 * writes the {@code .} line. Closing this stream finishes it but does not close the underlying stream.
 */
public final class DotStuffingOutputStream extends FilterOutputStream {
    private boolean lineStart = true;
    private boolean lastCr;
    private boolean finished;

    public DotStuffingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (b == '\n' && !lastCr) {
            out.write('\r');
        }
        if (lineStart && b == '.') {
            out.write('.');
        }
        out.write(b);
        lastCr = b == '\r';
        lineStart = b == '\n';
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            boolean special = (c == '.' && lineStart) || (c == '\n' && !lastCr);
            if (special) {
                out.write(b, start, i - start);
                out.write(c == '.' ? '.' : '\r');
                start = i;
            }
            lastCr = c == '\r';
            lineStart = c == '\n';
        }
        out.write(b, start, end - start);
    }

    /** Ends the block with {@code CRLF . CRLF} (adding the CRLF only if the content did not end with one). */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (!lineStart) {
            out.write(lastCr ? new byte[] {'\n'} : new byte[] {'\r', '\n'});
        }
        out.write(new byte[] {'.', '\r', '\n'});
    }

    @Override
    public void close() throws IOException {
        finish();
        out.flush();
    }
}
