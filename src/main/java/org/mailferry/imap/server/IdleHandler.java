package org.mailferry.imap.server;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.mailferry.imap.proto.ImapCommand;

/**
 * IDLE (RFC 2177): reports changes of the selected mailbox as they happen until the client sends DONE. A
 * virtual thread reads the client's line while this one waits for the store's change signal (and polls every
 * few seconds for changes made by programs outside the server).
 */
final class IdleHandler {
    private static final long POLL_MILLIS = 5000;
    private static final Object CHANGE = new Object();
    private static final Object EOF = new Object();

    private IdleHandler() {
    }

    static String idle(ImapSession s, ImapCommand.Idle c) throws ImapException, IOException {
        s.authenticated();
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        AutoCloseable listener = s.state instanceof State.Selected sel
                ? sel.mailbox().view.onChange(() -> events.offer(CHANGE)) : () -> { };
        s.out.continuation("idling");
        Thread reader = Thread.ofVirtual().name("imap-idle-reader").start(() -> {
            try {
                String line = s.in.readLine();
                events.offer(line == null ? EOF : line);
            } catch (IOException e) {
                events.offer(e);
            }
        });
        try {
            while (true) {
                Object ev;
                try {
                    ev = events.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
                if (ev == null || ev == CHANGE) {
                    if (!s.updates()) {
                        return null;
                    }
                    s.out.flush();
                    continue;
                }
                if (ev == EOF) {
                    throw new java.io.EOFException("client closed during IDLE");
                }
                if (ev instanceof IOException e) {
                    throw e;
                }
                String line = (String) ev;
                if (!line.strip().equalsIgnoreCase("DONE")) {
                    throw ImapException.bad("Expected DONE");
                }
                return "IDLE terminated";
            }
        } finally {
            try {
                listener.close();
            } catch (Exception ignored) {
                // the listener is only a wake-up
            }
            reader.interrupt();
        }
    }
}
