package org.mailferry.pop3.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, server-wide, how many bare LFs each message has, so that a POP3 size (CRLF form) is computed from
 * the stored size without reading the message again in later sessions — like Dovecot's cached virtual size.
 * Keyed by account, UIDVALIDITY and UID (a UID never names different content). Bounded: past
 * {@value #MAX_ENTRIES} entries it starts over.
 */
final class WireSizes {
    static final int MAX_ENTRIES = 500_000;

    private record Key(String mailbox, long uid) {
    }

    private final Map<Key, Integer> extra = new ConcurrentHashMap<>();

    /** The bare LFs of a message, or -1 when unknown. */
    int bareLfs(String mailbox, long uid) {
        Integer v = extra.get(new Key(mailbox, uid));
        return v == null ? -1 : v;
    }

    void remember(String mailbox, long uid, int bareLfs) {
        if (extra.size() >= MAX_ENTRIES) {
            extra.clear();
        }
        extra.put(new Key(mailbox, uid), bareLfs);
    }
}
