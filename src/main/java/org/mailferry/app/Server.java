package org.mailferry.app;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.mailferry.net.Listener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: opens the base directory, starts every enabled listener whose protocol exists, and
 * stops them all on {@link #close()} or SIGTERM. Wiring is by hand, in {@link Services}.
 */
public final class Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Server.class);

    private final ServerOptions options;
    private final List<Listener> listeners = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Server(ServerOptions options) {
        this.options = options;
    }

    /** Starts the server; prints one line per listener and then {@code ready} to {@code out}. */
    public static Server start(ServerOptions options, PrintStream out) throws IOException {
        Server server = new Server(options);
        try {
            Services services = Services.open(options, out);
            server.resources.add(services);
            for (var entry : options.ports().entrySet()) {
                int port = entry.getValue();
                if (port == 0) {
                    continue;
                }
                Listener.Handler handler = services.handler(entry.getKey());
                if (handler == null) {
                    continue; // protocol not built yet
                }
                Listener l = Listener.start(entry.getKey(), options.listen(), port,
                        services.limits(entry.getKey()), handler);
                server.listeners.add(l);
                out.println(entry.getKey() + " " + l.localAddress().getAddress().getHostAddress() + ":"
                        + l.localAddress().getPort());
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        out.println("ready");
        out.flush();
        log.info("server ready, base directory {}", options.base());
        return server;
    }

    public List<Listener> listeners() {
        return List.copyOf(listeners);
    }

    /** Blocks until {@link #close()} has run. */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        for (Listener l : listeners) {
            l.close();
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("closing {}: {}", resources.get(i), e.toString());
            }
        }
        log.info("server stopped");
        stopped.countDown();
    }
}
