package org.mailferry.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.mailferry.store.AccountConfig;
import org.mailferry.store.Flag;
import org.mailferry.store.FlagOp;
import org.mailferry.store.Flags;
import org.mailferry.store.MailStore;
import org.mailferry.store.Mailbox;
import org.mailferry.store.MailboxFormat;
import org.mailferry.store.tools.Importer;

/**
 * bench/store.sh: the mail store against Dovecot's mbox and Maildir on the same files, in one run.
 *
 * <ol>
 * <li>Writes N messages (log-normal sizes, median 10 KB) to {@code DIR/source.mbox}.</li>
 * <li>Append: imports that file into one INBOX — ours as {@code mailferry import mbox} does
 *     ({@link Importer}), Dovecot with {@code doveadm import}.</li>
 * <li>Cold open of the unchanged mailbox: ours a new {@code MailStore} and STATUS, then a new one and a
 *     SELECT-like view of every message; Dovecot a new IMAP session (a new {@code imap} process, login not
 *     timed) and {@code SELECT INBOX}. Median of 5.</li>
 * <li>Cold open after a legacy program appended one message (a From_ line appended to the file; a file
 *     dropped into the MailDir / {@code Maildir/new}). Median of 3.</li>
 * <li>Expunge of 1 % spread (every 100th message): open, store {@code \Deleted}, expunge.</li>
 * </ol>
 *
 * <p>Usage: StoreBench [N] [DIR] [all|ours|dovecot]. Everything is in the page cache for both sides.
 */
public final class StoreBench {

    private StoreBench() {
    }

    /** One system's figures. */
    record Figures(String name, int messages, double appendS, double statusMs, double selectMs, double legacyMs,
                   double expungeMs) {
        void print() {
            System.out.printf("| %s | %,.0f msg/s | %.0f ms | %.0f ms | %.0f ms | %,.0f ms |%n", name, messages / appendS,
                    statusMs, selectMs, legacyMs, expungeMs);
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("mf-storebench");
        String which = args.length > 2 ? args[2] : "all";
        Path source = dir.resolve("source.mbox");
        long bytes = writeSource(source, n);
        System.out.printf("source: %,d messages, %,.0f MB in %s%n", n, bytes / 1e6, source);
        List<Figures> all = new ArrayList<>();
        if (!which.equals("dovecot")) {
            all.add(ours(dir, source, MailboxFormat.MBOX));
            all.add(ours(dir, source, MailboxFormat.MDIR));
        }
        if (!which.equals("ours")) {
            all.add(StoreBenchDovecot.run(dir, source, false));
            all.add(StoreBenchDovecot.run(dir, source, true));
        }
        System.out.printf("%n| store | append (import) | cold open, STATUS (Dovecot: doveadm) | cold open, SELECT | after a legacy append"
                + " | expunge 1 %% |%n| --- | --- | --- | --- | --- | --- |%n");
        all.forEach(Figures::print);
    }

    /** The bench's messages, the same for every run: sizes log-normal around a 10 KB median. */
    static long writeSource(Path file, int n) throws IOException {
        Random r = new Random(42);
        long bytes = 0;
        if (Files.exists(file) && Files.size(file) > 0 && Files.exists(file.resolveSibling("source.count"))
                && Files.readString(file.resolveSibling("source.count")).equals(String.valueOf(n))) {
            return Files.size(file);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int i = 0; i < n; i++) {
                int size = (int) Math.min(2_000_000, Math.max(300, Math.exp(Math.log(10_000) + r.nextGaussian() * 0.8)));
                StringBuilder sb = new StringBuilder("From bench@example.org Mon Jan  1 10:00:00 2024\n");
                sb.append("From: bench@example.org\nSubject: bench ").append(i).append("\nMessage-ID: <").append(i)
                        .append("@bench>\n\n");
                while (sb.length() < size) {
                    sb.append("Line of text number ").append(sb.length()).append(" for the store bench\n");
                }
                sb.append('\n');
                byte[] b = sb.toString().getBytes(StandardCharsets.US_ASCII);
                out.write(b);
                bytes += b.length;
            }
        }
        Files.writeString(file.resolveSibling("source.count"), String.valueOf(n));
        return bytes;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static Figures ours(Path dir, Path source, MailboxFormat f) throws Exception {
        Path acct = dir.resolve("mailferry-" + f.name().toLowerCase() + ".macnt");
        delete(acct);
        AccountConfig cfg = AccountConfig.DEFAULT.withFormat(f);
        int n;
        long t0 = System.nanoTime();
        try (MailStore s = new MailStore()) {
            n = (int) Importer.importMbox(s, s.account(acct, cfg), source, "INBOX", System.out);
        }
        double appendS = (System.nanoTime() - t0) / 1e9;
        String name = "Mailferry " + (f == MailboxFormat.MBOX ? "text (.mbox)" : "MailDir (.mdir)");
        System.out.printf("%s: append %,d messages in %.1f s%n", name, n, appendS);
        double[] status = new double[5];
        double[] select = new double[5];
        for (int i = 0; i < 5; i++) {
            status[i] = coldStatus(acct, cfg);
            select[i] = coldSelect(acct, cfg);
        }
        System.out.printf("%s: cold open, STATUS %s ms, SELECT %s ms%n", name, Arrays.toString(status),
                Arrays.toString(select));
        double[] legacy = new double[3];
        for (int i = 0; i < 3; i++) {
            legacyAppend(acct, f, n + i);
            legacy[i] = coldSelect(acct, cfg);
        }
        System.out.printf("%s: cold open after a legacy append (SELECT) %s ms%n", name, Arrays.toString(legacy));
        long t1 = System.nanoTime();
        int expunged;
        try (MailStore s = new MailStore(); Mailbox m = s.account(acct, cfg).open("INBOX", false)) {
            List<Long> del = new ArrayList<>();
            for (int i = 1; i <= m.exists(); i += 100) {
                del.add(m.message(i).uid());
            }
            m.store(del, FlagOp.ADD, Flags.of(Flag.DELETED), -1);
            expunged = m.expunge(null).size();
        }
        double expungeMs = (System.nanoTime() - t1) / 1e6;
        System.out.printf("%s: expunge %d messages (1 %%, spread) incl. open: %.0f ms%n", name, expunged, expungeMs);
        delete(acct);
        return new Figures(name, n, appendS, median(status), median(select), median(legacy), expungeMs);
    }

    static double coldStatus(Path acct, AccountConfig cfg) throws Exception {
        long t = System.nanoTime();
        try (MailStore s = new MailStore()) {
            s.account(acct, cfg).status("INBOX");
            return (System.nanoTime() - t) / 1e6;
        }
    }

    static double coldSelect(Path acct, AccountConfig cfg) throws Exception {
        long t = System.nanoTime();
        try (MailStore s = new MailStore(); Mailbox m = s.account(acct, cfg).open("INBOX", false)) {
            if (m.exists() == 0) {
                throw new IllegalStateException("empty");
            }
            return (System.nanoTime() - t) / 1e6;
        }
    }

    static final String LEGACY = "From legacy@example.org Sat Jan  3 01:05:34 1996\nSubject: legacy\n\nappended by another program\n";

    static void legacyAppend(Path acct, MailboxFormat f, int k) throws IOException {
        if (f == MailboxFormat.MBOX) {
            appendLikeAMailer(acct.resolve("INBOX.mbox"));
        } else {
            Files.writeString(acct.resolve("INBOX.mdir").resolve((1_000_000 + k) + "--20240101000000"),
                    LEGACY.substring(LEGACY.indexOf('\n') + 1));
        }
    }

    /** Appends {@link #LEGACY} the way procmail does: after an empty line, the file left ending in one. */
    static void appendLikeAMailer(Path mbox) throws IOException {
        byte[] tail = new byte[2];
        try (var ch = java.nio.channels.FileChannel.open(mbox, StandardOpenOption.READ)) {
            long size = ch.size();
            ch.read(java.nio.ByteBuffer.wrap(tail), Math.max(0, size - 2));
        }
        String pad = tail[1] != '\n' ? "\n\n" : tail[0] != '\n' ? "\n" : "";
        Files.writeString(mbox, pad + LEGACY + "\n", StandardOpenOption.APPEND);
    }

    static void delete(Path p) throws IOException {
        if (Files.exists(p)) {
            try (var s = Files.walk(p)) {
                for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(x);
                }
            }
        }
    }
}
