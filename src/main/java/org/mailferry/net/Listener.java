package org.mailferry.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP listener that serves each accepted connection on its own virtual thread, with blocking sockets.
 *
 * <p>It enforces the per-listener limits (total connections, connections per client address) and closes
 * every open connection on {@link #close()}. What is spoken on the connection is the handler's business;
 * TLS wrapping is done by the handler (implicit TLS or STARTTLS), not here.
 */
public final class Listener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Listener.class);

    /** Serves one accepted connection; the socket is closed by the listener when this returns. */
    @FunctionalInterface
    public interface Handler {
        void serve(Socket socket) throws IOException;
    }

    /** Limits of one listener. */
    public record Limits(int maxConnections, int maxPerAddress, int idleTimeoutMillis) {
        public static final Limits DEFAULT = new Limits(1000, 100, 10 * 60_000);
    }

    private final String name;
    private final ServerSocket serverSocket;
    private final Handler handler;
    private final Limits limits;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final Thread acceptor;
    private volatile boolean closed;

    private Listener(String name, ServerSocket serverSocket, Handler handler, Limits limits) {
        this.name = name;
        this.serverSocket = serverSocket;
        this.handler = handler;
        this.limits = limits;
        this.acceptor = Thread.ofVirtual().name(name + "-accept").unstarted(this::acceptLoop);
    }

    /** Binds {@code address:port} (port 0 picks a free port) and starts accepting. */
    public static Listener start(String name, InetAddress address, int port, Limits limits, Handler handler)
            throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        try {
            ss.bind(new InetSocketAddress(address, port), 256);
        } catch (IOException e) {
            ss.close();
            throw new IOException("cannot listen for " + name + " on " + address.getHostAddress() + ":" + port
                    + ": " + e.getMessage(), e);
        }
        Listener l = new Listener(name, ss, handler, limits);
        l.acceptor.start();
        return l;
    }

    public String name() {
        return name;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    /** The number of connections being served now. */
    public int openConnections() {
        return open.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("{}: accept failed: {}", name, e.getMessage());
                }
                continue;
            }
            InetAddress peer = s.getInetAddress();
            AtomicInteger count = perAddress.computeIfAbsent(peer, k -> new AtomicInteger());
            if (open.size() >= limits.maxConnections() || count.get() >= limits.maxPerAddress()) {
                log.warn("{}: refusing {}: connection limit reached", name, peer.getHostAddress());
                closeQuietly(s);
                continue;
            }
            count.incrementAndGet();
            open.add(s);
            Thread.ofVirtual().name(name + "-" + peer.getHostAddress()).start(() -> serve(s, count));
        }
    }

    private void serve(Socket s, AtomicInteger count) {
        try {
            s.setSoTimeout(limits.idleTimeoutMillis());
            s.setTcpNoDelay(true);
            handler.serve(s);
        } catch (SocketException e) {
            log.debug("{}: connection ended: {}", name, e.getMessage());
        } catch (IOException e) {
            log.debug("{}: connection ended: {}", name, e.toString());
        } catch (RuntimeException e) {
            log.error("{}: session failed", name, e);
        } finally {
            closeQuietly(s);
            open.remove(s);
            count.decrementAndGet();
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing: nothing left to do
        }
    }
}
