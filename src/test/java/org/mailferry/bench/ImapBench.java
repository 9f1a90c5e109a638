package org.mailferry.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.mailferry.access.TestServer;
import org.mailferry.directory.AccountSettings;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotServer;

/**
 * IMAP load, Mailferry against Dovecot in the same run: C concurrent clients, each logging in as its own user
 * (M messages of about 4 KB in INBOX), then in a loop for S seconds: SELECT, 10 rounds of (UID FETCH of FLAGS and
 * two header fields, UID FETCH of a whole message, UID STORE +FLAGS \Seen), APPEND, UID STORE \Deleted, UID
 * EXPUNGE of the appended message, UNSELECT. Prints tagged commands per second. Dovecot runs from a private
 * config with its default {@code mail_fsync = optimized}; Mailferry fsyncs every change.
 *
 * <p>Usage: ImapBench [CLIENTS] [MESSAGES] [SECONDS]
 */
public final class ImapBench {
    private ImapBench() {
    }

    static byte[] message(int i, Random r) {
        StringBuilder sb = new StringBuilder();
        sb.append("From: Sender ").append(i).append(" <s").append(i).append("@example.test>\r\n");
        sb.append("To: user@example.test\r\nSubject: message number ").append(i).append("\r\n");
        sb.append("Date: Mon, 1 Jan 2024 10:00:00 +0000\r\nMessage-ID: <").append(i).append('.')
                .append(r.nextInt(1_000_000)).append("@bench>\r\n\r\n");
        while (sb.length() < 4000) {
            sb.append("Lorem ipsum dolor sit amet, consectetur adipiscing elit ").append(r.nextInt()).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static void populate(String host, int port, String user, String pw, int messages) throws Exception {
        Random r = new Random(user.hashCode());
        List<DovecotCorpus.Message> msgs = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            msgs.add(new DovecotCorpus.Message(message(i, r), List.of(), "01-Jan-2024 10:00:00 +0000"));
        }
        try (DovecotImap c = new DovecotImap(host, port, user, pw)) {
            for (int i = 0; i < msgs.size(); i += 500) {
                c.appendAll("INBOX", msgs.subList(i, Math.min(msgs.size(), i + 500)));
            }
        }
    }

    static final Map<String, AtomicLong> NANOS = new java.util.concurrent.ConcurrentHashMap<>();
    static final Map<String, AtomicLong> COUNT = new java.util.concurrent.ConcurrentHashMap<>();

    static List<byte[]> timed(DovecotImap c, String name, String cmd) throws java.io.IOException {
        long t = System.nanoTime();
        List<byte[]> r = c.command(cmd);
        NANOS.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(System.nanoTime() - t);
        COUNT.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
        return r;
    }

    static void report(String server) {
        StringBuilder sb = new StringBuilder(server + " mean latency per command (ms):");
        for (String k : new java.util.TreeSet<>(NANOS.keySet())) {
            sb.append(String.format(" %s=%.2f", k, NANOS.get(k).get() / 1e6 / COUNT.get(k).get()));
        }
        System.out.println(sb);
        NANOS.clear();
        COUNT.clear();
    }

    /** Runs the load; returns commands per second. */
    static double load(String host, int port, int clients, int messages, int seconds) throws Exception {
        AtomicLong commands = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int u = 0; u < clients; u++) {
            String user = "u" + u;
            threads.add(Thread.ofPlatform().start(() -> {
                Random r = new Random(user.hashCode());
                try (DovecotImap c = new DovecotImap(host, port, user, "pw")) {
                    commands.incrementAndGet();
                    byte[] extra = message(999_999, r);
                    while (System.nanoTime() < end) {
                        timed(c, "select", "SELECT INBOX");
                        commands.incrementAndGet();
                        for (int k = 0; k < 10; k++) {
                            int uid = 1 + r.nextInt(messages);
                            timed(c, "fetchhdr", "UID FETCH " + uid + " (FLAGS BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)])");
                            timed(c, "fetchbody", "UID FETCH " + uid + " BODY.PEEK[]");
                            timed(c, "store", "UID STORE " + uid + " +FLAGS.SILENT (\\Seen)");
                            commands.addAndGet(3);
                        }
                        List<byte[]> r1 = timed(c, "append", "APPEND INBOX {" + extra.length + "+}\r\n"
                                + new String(extra, StandardCharsets.US_ASCII));
                        commands.incrementAndGet();
                        timed(c, "delete", "UID STORE " + (messages + 1) + ":* +FLAGS.SILENT (\\Deleted)");
                        timed(c, "expunge", "UID EXPUNGE " + (messages + 1) + ":*");
                        timed(c, "unselect", "UNSELECT");
                        commands.addAndGet(3);
                        if (r1 == null) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    System.err.println(user + ": " + e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        if (errors.get() > 0) {
            System.err.println("errors: " + errors.get());
        }
        return commands.get() / secs;
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path dir = Files.createTempDirectory("imapbench");
        double ours;
        try (TestServer server = TestServer.create(dir.resolve("base"))) {
            for (int u = 0; u < clients; u++) {
                server.directory.mainDomain().createAccount("u" + u, null, false,
                        Map.of(AccountSettings.PASSWORD, "pw"));
            }
            int port = server.imap();
            for (int u = 0; u < clients; u++) {
                populate("127.0.0.1", port, "u" + u, "pw", messages);
            }
            load("127.0.0.1", port, clients, messages, 3); // warm-up
            report("warm-up");
            ours = load("127.0.0.1", port, clients, messages, seconds);
            report("Mailferry");
        }
        double theirs;
        DovecotServer.Builder b = DovecotServer.builder().pop3(false).extraConfig("mail_fsync = optimized");
        for (int u = 0; u < clients; u++) {
            b.user("u" + u, "pw");
        }
        try (DovecotServer d = b.start()) {
            for (int u = 0; u < clients; u++) {
                populate(d.host(), d.imapPort(), "u" + u, "pw", messages);
            }
            load(d.host(), d.imapPort(), clients, messages, 3);
            report("warm-up");
            theirs = load(d.host(), d.imapPort(), clients, messages, seconds);
            report("Dovecot");
        }
        System.out.printf("IMAP load: %d clients, %d messages of ~4 KB each, %d s%n", clients, messages, seconds);
        System.out.printf("| Server | commands/s |%n|---|---:|%n");
        System.out.printf("| Mailferry | %,.0f |%n", ours);
        System.out.printf("| Dovecot %s | %,.0f |%n", "(mail_fsync=optimized)", theirs);
        System.out.printf("Mailferry / Dovecot: %.2f%n", ours / theirs);
    }
}
