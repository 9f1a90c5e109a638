package org.mailferry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a server (usually a {@link DovecotServer}) that cuts the first
 * {@code drops} connections once the server has sent {@code afterBytes} bytes through them — a source
 * that drops the connection in the middle of a FETCH. Later connections pass through untouched.
 */
public final class DovecotDropProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final AtomicInteger dropsLeft;
    private final AtomicInteger dropped = new AtomicInteger();

    public DovecotDropProxy(String host, int port, long afterBytes, int drops) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        dropsLeft = new AtomicInteger(drops);
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket server = new Socket(host, port);
                    boolean drop = dropsLeft.getAndDecrement() > 0;
                    Thread.ofVirtual().start(() -> pump(client, server, Long.MAX_VALUE));
                    Thread.ofVirtual().start(() -> {
                        pump(server, client, drop ? afterBytes : Long.MAX_VALUE);
                        if (drop) dropped.incrementAndGet();
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private static void pump(Socket from, Socket to, long limit) {
        byte[] buf = new byte[8192];
        long total = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                int m = (int) Math.min(n, limit - total);
                out.write(buf, 0, m);
                total += m;
                if (total >= limit) break;
            }
        } catch (IOException ignored) {
            // either side went away
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    public String address() { return "127.0.0.1:" + listener.getLocalPort(); }

    /** How many connections were cut so far. */
    public int dropped() { return dropped.get(); }

    @Override
    public void close() throws IOException { listener.close(); }
}
