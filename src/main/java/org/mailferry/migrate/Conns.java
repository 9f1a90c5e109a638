package org.mailferry.migrate;

import org.mailferry.imap.client.ImapConnection;

/** One worker's pair of connections, source and target, reopened together after a connection failure. */
final class Conns implements AutoCloseable {
    private final ImapEndpoint sourceEnd, targetEnd;
    ImapConnection src, tgt;

    Conns(ImapEndpoint sourceEnd, ImapEndpoint targetEnd) {
        this.sourceEnd = sourceEnd;
        this.targetEnd = targetEnd;
    }

    Conns open() throws MoverException {
        src = sourceEnd.open();
        try {
            tgt = targetEnd.open();
        } catch (MoverException e) {
            src.close();
            throw e;
        }
        return this;
    }

    void reopen() throws MoverException {
        closeQuietly();
        open();
    }

    void closeQuietly() {
        if (src != null) src.close();
        if (tgt != null) tgt.close();
        src = tgt = null;
    }

    @Override
    public void close() {
        if (src != null) src.logout();
        if (tgt != null) tgt.logout();
        src = tgt = null;
    }
}
