package org.mailferry.app;

import java.io.IOException;
import java.io.PrintStream;
import org.mailferry.net.Listener;

/**
 * Wires the server's parts by hand: the directory, the store, and one connection handler per listener
 * name. A listener whose protocol is not built yet has no handler and is not started.
 */
final class Services implements AutoCloseable {
    private final ServerOptions options;

    private Services(ServerOptions options) {
        this.options = options;
    }

    static Services open(ServerOptions options, PrintStream out) throws IOException {
        java.nio.file.Files.createDirectories(options.base());
        return new Services(options);
    }

    /** The handler serving connections of the named listener, or null when that protocol is not built. */
    Listener.Handler handler(String listener) {
        return switch (listener) {
            default -> null;
        };
    }

    Listener.Limits limits(String listener) {
        return Listener.Limits.DEFAULT;
    }

    @Override
    public void close() {
    }
}
