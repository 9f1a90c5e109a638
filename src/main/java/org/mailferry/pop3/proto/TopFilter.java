package org.mailferry.pop3.proto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies what POP3 TOP returns (RFC 1939 §7): the header, the blank line after it, and at most {@code n}
 * lines of the body. Lines end at LF; the bytes are copied unchanged (dot-stuffing is the caller's stream's).
 */
public final class TopFilter {
    private TopFilter() {
    }

    public static void copy(InputStream in, OutputStream out, long bodyLines) throws IOException {
        byte[] buf = new byte[16 * 1024];
        boolean inHeader = true;
        boolean lineStart = true;
        boolean lineEmpty = true;
        long lines = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (!inHeader && lineStart && lines >= bodyLines) {
                    out.write(buf, start, i - start);
                    return;
                }
                lineStart = false;
                if (b == '\n') {
                    lineStart = true;
                    if (inHeader) {
                        if (lineEmpty) {
                            inHeader = false;
                        }
                    } else {
                        lines++;
                    }
                    lineEmpty = true;
                } else if (b != '\r') {
                    lineEmpty = false;
                }
            }
            out.write(buf, start, n - start);
            if (!inHeader && lineStart && lines >= bodyLines) {
                return;
            }
        }
    }
}
