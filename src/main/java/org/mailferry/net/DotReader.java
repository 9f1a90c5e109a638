package org.mailferry.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Reads a dot-terminated text block (SMTP DATA, RFC 5321 §4.5.2; POP3 multi-line responses, RFC 1939 §3),
 * removing the stuffed leading dots and writing the content with CRLF line ends.
 *
 * <p>Safe against SMTP smuggling: the block ends only at {@code CRLF . CRLF}; a {@code .} line after a bare LF
 * is content. Bare LFs are written as CRLF. Lines have no length limit (they are streamed, not buffered);
 * the content has one: past {@code max} bytes nothing more is written but the block is still read to its end
 * so the session stays in step. Never reads past the terminating line.
 */
public final class DotReader {
    private DotReader() {
    }

    /** What was read: the content size written, or that the limit was exceeded. */
    public record Result(long size, boolean tooBig) {
    }

    public static Result copy(LineReader in, OutputStream out, long max) throws IOException {
        byte[] seg = new byte[16 * 1024];
        boolean lineStart = true;
        boolean afterCrlf = true;
        boolean lastCr = false;
        long size = 0;
        boolean tooBig = false;
        while (true) {
            int n = in.readSegment(seg, 0, seg.length);
            if (n < 0) {
                throw new EOFException("connection closed inside a message");
            }
            int off = 0;
            if (lineStart && seg[0] == '.') {
                if (n == 3 && seg[1] == '\r' && seg[2] == '\n' && afterCrlf) {
                    return new Result(size, tooBig);
                }
                off = 1;
            }
            boolean endsLf = seg[n - 1] == '\n';
            int contentEnd = n;
            boolean crlf = false;
            if (endsLf) {
                contentEnd = n - 1;
                if (contentEnd > off && seg[contentEnd - 1] == '\r') {
                    contentEnd--;
                    crlf = true;
                } else if (contentEnd == 0 && lastCr) {
                    crlf = true; // the CR ended the previous segment and is already written
                }
            }
            long add = (contentEnd - off) + (endsLf && !(contentEnd == 0 && lastCr && crlf) ? 2 : 0);
            if (!tooBig && size + add > max) {
                tooBig = true;
            }
            if (!tooBig) {
                out.write(seg, off, contentEnd - off);
                if (endsLf) {
                    if (contentEnd == 0 && lastCr && crlf) {
                        out.write('\n');
                        add = 1;
                    } else {
                        out.write('\r');
                        out.write('\n');
                    }
                }
            }
            size += add;
            lastCr = !endsLf && seg[n - 1] == '\r';
            lineStart = endsLf;
            afterCrlf = crlf;
        }
    }
}
