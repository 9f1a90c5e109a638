package org.mailferry.imap.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mailferry.mime.MimeParser;
import org.mailferry.mime.MimePart;
import org.mailferry.store.Mailbox;

/**
 * The parsed MIME structure of recently used messages of the selected mailbox, so a client fetching ENVELOPE,
 * BODYSTRUCTURE and sections of the same message in several commands parses it once. Small and per session;
 * cleared when the mailbox changes.
 */
final class MessageCache {
    private static final int SIZE = 64;

    private final Map<Long, MimePart> parts = new LinkedHashMap<>(SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, MimePart> e) {
            return size() > SIZE;
        }
    };

    MimePart structure(Mailbox box, long uid) throws IOException {
        MimePart p = parts.get(uid);
        if (p == null) {
            try (InputStream in = box.open(uid)) {
                p = MimeParser.parse(in);
            }
            parts.put(uid, p);
        }
        return p;
    }

    private final Map<Long, MimePart> headers = new LinkedHashMap<>(SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, MimePart> e) {
            return size() > SIZE;
        }
    };

    /** The top-level header only (fields, body offset), from the full structure when that is cached. */
    MimePart header(Mailbox box, long uid, long size) throws IOException {
        MimePart p = parts.get(uid);
        if (p != null) {
            return p;
        }
        p = headers.get(uid);
        if (p == null) {
            try (InputStream in = box.open(uid)) {
                p = MimeParser.header(in, size);
            }
            headers.put(uid, p);
        }
        return p;
    }

    void clear() {
        parts.clear();
        headers.clear();
    }
}
