package org.mailferry.store.tools;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Removes the header fields in which mbox programs keep mailbox state rather than message content —
 * {@code Status}, {@code X-Status}, {@code X-Keywords}, {@code X-UID}, {@code X-IMAP}, {@code X-IMAPbase}
 * (c-client, Dovecot, mutt, pine) and {@code Content-Length} (Dovecot, mboxcl) — as Dovecot and c-client hide
 * them from IMAP clients. The import takes flags, keywords and UIDs from them first and then stores the
 * message without them. Everything else, line ends included, stays byte for byte. Pure function.
 */
final class MboxMetaHeaders {
    static final Set<String> FIELDS = Set.of("status", "x-status", "x-keywords", "x-uid", "x-imap", "x-imapbase",
            "content-length");

    private MboxMetaHeaders() {
    }

    /** Where the header of {@code b} ends (after its blank line), or -1 when it does not end within {@code len}. */
    static int headerEnd(byte[] b, int len) {
        int line = 0;
        for (int i = 0; i < len; i++) {
            if (b[i] == '\n') {
                int content = i > line && b[i - 1] == '\r' ? i - 1 : i;
                if (content == line) {
                    return i + 1;
                }
                line = i + 1;
            }
        }
        return -1;
    }

    /** The first {@code end} bytes of {@code b} (a whole header) without the mailbox-state fields. */
    static byte[] strip(byte[] b, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end);
        boolean dropping = false;
        int i = 0;
        while (i < end) {
            int eol = i;
            while (eol < end && b[eol] != '\n') {
                eol++;
            }
            int next = Math.min(end, eol + 1);
            boolean folded = b[i] == ' ' || b[i] == '\t';
            if (!folded) {
                int colon = i;
                while (colon < eol && b[colon] != ':') {
                    colon++;
                }
                String name = new String(b, i, colon - i, StandardCharsets.ISO_8859_1).trim().toLowerCase(Locale.ROOT);
                dropping = colon < eol && FIELDS.contains(name);
            }
            if (!dropping) {
                out.write(b, i, next - i);
            }
            i = next;
        }
        return out.toByteArray();
    }
}
