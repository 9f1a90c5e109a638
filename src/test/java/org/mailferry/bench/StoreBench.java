package org.mailferry.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.mailferry.store.AccountConfig;
import org.mailferry.store.AccountStore;
import org.mailferry.store.AppendRequest;
import org.mailferry.store.Flag;
import org.mailferry.store.FlagOp;
import org.mailferry.store.Flags;
import org.mailferry.store.MailStore;
import org.mailferry.store.Mailbox;
import org.mailferry.store.MailboxFormat;
import org.mailferry.store.MessageSource;

/**
 * bench/store.sh: appends N messages (sizes log-normal around a 10 KB median) into one mailbox, then times a
 * cold open with no change, a cold open after a legacy program appended one message, and an expunge of 1 %
 * spread through the mailbox. Usage: StoreBench N mbox|mdir DIR.
 */
public final class StoreBench {
    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        MailboxFormat f = MailboxFormat.valueOf(args[1].toUpperCase());
        Path dir = Path.of(args[2]).resolve("bench-" + f.name().toLowerCase() + ".macnt");
        AccountConfig cfg = AccountConfig.DEFAULT.withFormat(f);
        Random r = new Random(42);
        long bytes = 0;
        long t0 = System.nanoTime();
        try (MailStore s = new MailStore()) {
            AccountStore a = s.account(dir, cfg);
            List<AppendRequest> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int size = (int) Math.min(2_000_000, Math.max(300, Math.exp(Math.log(10_000) + r.nextGaussian() * 0.8)));
                StringBuilder sb = new StringBuilder("Subject: bench " + i + "\n\n");
                while (sb.length() < size) {
                    sb.append("Line of text number ").append(sb.length()).append(" for the store bench\n");
                }
                byte[] m = sb.toString().getBytes(StandardCharsets.US_ASCII);
                bytes += m.length;
                batch.add(AppendRequest.of(MessageSource.ofBytes(m)));
                if (batch.size() == 100) {
                    a.append("INBOX", batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                a.append("INBOX", batch);
            }
        }
        double appendS = (System.nanoTime() - t0) / 1e9;
        System.out.printf("store %s: append %d messages (%.0f MB) in %.1f s: %.0f msg/s (batches of 100, one fsync each)%n",
                f, n, bytes / 1e6, appendS, n / appendS);
        System.out.printf("store %s: cold open, unchanged: %.1f ms%n", f, coldOpen(dir, cfg));
        if (f == MailboxFormat.MBOX) {
            Files.writeString(dir.resolve("INBOX.mbox"), "\nFrom legacy@example.org Sat Jan  3 01:05:34 1996\n"
                    + "Subject: legacy\n\nappended by another program\n", StandardOpenOption.APPEND);
        } else {
            Files.writeString(dir.resolve("INBOX.mdir").resolve((n + 1) + "--20240101000000"), "Subject: x\n\nx\n");
        }
        System.out.printf("store %s: cold open after one legacy append: %.1f ms%n", f, coldOpen(dir, cfg));
        long t1 = System.nanoTime();
        int expunged;
        try (MailStore s = new MailStore(); Mailbox m = s.account(dir, cfg).open("INBOX", false)) {
            List<Long> del = new ArrayList<>();
            for (int i = 1; i <= m.exists(); i += 100) {
                del.add(m.message(i).uid());
            }
            m.store(del, FlagOp.ADD, Flags.of(Flag.DELETED), -1);
            expunged = m.expunge(null).size();
        }
        System.out.printf("store %s: expunge %d messages (1 %%, spread) incl. open: %.1f ms%n", f, expunged,
                (System.nanoTime() - t1) / 1e6);
    }

    static double coldOpen(Path dir, AccountConfig cfg) throws Exception {
        long t = System.nanoTime();
        try (MailStore s = new MailStore()) {
            s.account(dir, cfg).status("INBOX");
            double ms = (System.nanoTime() - t) / 1e6;
            return ms;
        }
    }
}
