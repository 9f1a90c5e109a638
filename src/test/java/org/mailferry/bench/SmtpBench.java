package org.mailferry.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mailferry.access.TestServer;
import org.mailferry.store.Mailbox;

/**
 * SMTP delivery, Mailferry against Postfix in the same run: Postfix's {@code smtp-source} sends M messages of
 * L bytes over S sessions to one local mailbox. For Mailferry a 250 means the message is in the mailbox and
 * fsync'ed, so "accepted" and "in the mailbox" are the same moment; for Postfix the 250 means it is in the
 * (fsync'ed) queue, and the time until the last message is in the mailbox is measured too.
 *
 * <p>Usage: SmtpBench [MESSAGES] [SESSIONS] [BYTES]
 */
public final class SmtpBench {
    private SmtpBench() {
    }

    private static double source(int port, int messages, int sessions, int bytes) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("/usr/sbin/smtp-source", "-s", String.valueOf(sessions), "-m",
                String.valueOf(messages), "-l", String.valueOf(bytes), "-f", "sender@bench.test", "-t",
                "alice@example.test", "127.0.0.1:" + port).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("smtp-source failed: " + out);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int bytes = args.length > 2 ? Integer.parseInt(args[2]) : 10240;
        Path dir = Files.createTempDirectory("smtpbench");
        double ours;
        long stored;
        try (TestServer server = TestServer.create(dir.resolve("base"))) {
            int port = server.smtp(false, false, "", null);
            source(port, Math.min(200, messages), sessions, bytes); // warm-up
            ours = source(port, messages, sessions, bytes);
            try (Mailbox box = server.access.store(server.directory.findAccount("alice").orElseThrow())
                    .open("INBOX", true)) {
                stored = box.exists();
            }
        }
        double accepted;
        double delivered;
        try (PostfixServer pf = PostfixServer.start()) {
            source(pf.port, Math.min(200, messages), sessions, bytes);
            long before = pf.delivered();
            long deadline0 = System.nanoTime() + 120_000_000_000L;
            while (pf.delivered() < Math.min(200, messages) && System.nanoTime() < deadline0) {
                Thread.sleep(50);
            }
            before = pf.delivered();
            long t0 = System.nanoTime();
            accepted = source(pf.port, messages, sessions, bytes);
            long deadline = System.nanoTime() + 1_800_000_000_000L;
            while (pf.delivered() < before + messages && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            delivered = (System.nanoTime() - t0) / 1e9;
        }
        System.out.printf("SMTP: smtp-source, %,d messages of %,d bytes over %d sessions into one local mailbox%n",
                messages, bytes, sessions);
        System.out.printf("| Server | seconds to 250 for all | messages/s accepted | seconds until all in the mailbox"
                + " | messages/s delivered |%n|---|---:|---:|---:|---:|%n");
        System.out.printf("| Mailferry | %.2f | %,.0f | %.2f | %,.0f |%n", ours, messages / ours, ours, messages / ours);
        System.out.printf("| Postfix (virtual) | %.2f | %,.0f | %.2f | %,.0f |%n", accepted, messages / accepted,
                delivered, messages / delivered);
        System.out.printf("Mailferry stored %,d messages (incl. warm-up); Mailferry / Postfix (delivered/s): %.2f%n",
                stored, delivered / ours);
    }
}
