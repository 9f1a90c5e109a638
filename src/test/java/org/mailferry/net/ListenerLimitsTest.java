package org.mailferry.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Per-address and per-listener connection limits, and the idle timeout. */
class ListenerLimitsTest {
    @Test
    void connectionsOverThePerAddressLimitAreClosed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Listener l = Listener.start("t", InetAddress.getLoopbackAddress(), 0, new Listener.Limits(10, 2, 60_000),
                s -> {
                    s.getOutputStream().write("hello\r\n".getBytes());
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
             Socket a = new Socket("127.0.0.1", l.localAddress().getPort());
             Socket b = new Socket("127.0.0.1", l.localAddress().getPort());
             Socket c = new Socket("127.0.0.1", l.localAddress().getPort())) {
            for (Socket s : new Socket[] {a, b, c}) {
                s.setSoTimeout(5000);
            }
            assertThat(new String(a.getInputStream().readNBytes(7))).isEqualTo("hello\r\n");
            assertThat(new String(b.getInputStream().readNBytes(7))).isEqualTo("hello\r\n");
            InputStream in = c.getInputStream();
            int r;
            try {
                r = in.read();
            } catch (java.net.SocketException e) {
                r = -1;
            }
            assertThat(r).as("third connection from the same address").isEqualTo(-1);
            release.countDown();
        }
    }

    @Test
    void idleConnectionsTimeOut() throws Exception {
        try (Listener l = Listener.start("t", InetAddress.getLoopbackAddress(), 0, new Listener.Limits(10, 10, 300),
                s -> new LineReader(s.getInputStream()).readLine(100));
             Socket a = new Socket("127.0.0.1", l.localAddress().getPort())) {
            a.setSoTimeout(5000);
            long t0 = System.nanoTime();
            assertThat(a.getInputStream().read()).isEqualTo(-1);
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(200L, 4000L);
        }
    }
}
