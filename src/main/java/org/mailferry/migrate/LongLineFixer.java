package org.mailferry.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The {@code --fixLongLines number} treatment (seed: "lines will be separated into several lines so no
 * message line in a target server mailbox is longer than number bytes"). A header line is folded with
 * CRLF + space (RFC 5322 §2.2.3) so it stays one header field; a body line gets a plain CRLF. While at it
 * the copy ends lines with CRLF (bare LF or CR become CRLF) and drops NUL bytes, the other things servers
 * reject (RFC 3501 §4.3). Streams; holds one chunk, never the message.
 */
public final class LongLineFixer {
    private LongLineFixer() { }

    /** Copies {@code in} to {@code out} with no line longer than {@code max} bytes (not counting CRLF); max ≥ 2. */
    public static void fix(InputStream in, OutputStream out, int max) throws IOException {
        if (max < 2) throw new IllegalArgumentException("--fixLongLines must be at least 2");
        byte[] buf = new byte[64 * 1024];
        boolean inHeader = true;
        long lineLen = 0;
        boolean lineEmpty = true;
        int prev = -1;
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                int c = buf[i] & 0xff;
                if (c == 0) continue;
                if (c == '\n' || c == '\r') {
                    if (c == '\n' && prev == '\r') { prev = c; continue; } // second half of CRLF
                    out.write('\r');
                    out.write('\n');
                    if (inHeader && lineEmpty) inHeader = false;
                    lineLen = 0;
                    lineEmpty = true;
                    prev = c;
                    continue;
                }
                if (lineLen >= max) {
                    out.write('\r');
                    out.write('\n');
                    if (inHeader) {
                        out.write(' ');
                        lineLen = 1;
                    } else {
                        lineLen = 0;
                    }
                }
                out.write(c);
                lineLen++;
                lineEmpty = false;
                prev = c;
            }
        }
    }
}
