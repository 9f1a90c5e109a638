package org.mailferry.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.mailferry.access.TestServer;
import org.mailferry.directory.AccountSettings;
import org.mailferry.testing.DovecotServer;

/**
 * POP3 retrieval of one big maildrop, Mailferry against Dovecot in the same run: N messages of about 4 KB are
 * appended over IMAP to both; then one client logs in over POP3, runs STAT, LIST and UIDL, retrieves every
 * message with RETR and quits (without deleting), twice per server (the first run is a warm-up).
 *
 * <p>Usage: Pop3Bench [MESSAGES]
 */
public final class Pop3Bench {
    private Pop3Bench() {
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static long multiline(InputStream in) throws IOException {
        long bytes = 0;
        String l;
        while (!(l = line(in)).equals(".")) {
            bytes += l.length() + 2;
        }
        return bytes;
    }

    private static String cmd(OutputStream out, InputStream in, String c) throws IOException {
        out.write((c + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String r = line(in);
        if (!r.startsWith("+OK")) {
            throw new IOException(c + ": " + r);
        }
        return r;
    }

    /** Retrieves the whole maildrop; returns [seconds, bytes]. */
    static double[] retrieve(int port, int messages) throws IOException {
        long t0 = System.nanoTime();
        long bytes = 0;
        try (Socket s = new Socket("127.0.0.1", port)) {
            InputStream in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
            OutputStream out = s.getOutputStream();
            line(in);
            cmd(out, in, "USER u0");
            cmd(out, in, "PASS pw");
            String stat = cmd(out, in, "STAT");
            if (!stat.startsWith("+OK " + messages + " ")) {
                throw new IOException("unexpected STAT " + stat);
            }
            cmd(out, in, "LIST");
            multiline(in);
            cmd(out, in, "UIDL");
            multiline(in);
            for (int i = 1; i <= messages; i++) {
                cmd(out, in, "RETR " + i);
                bytes += multiline(in);
            }
            cmd(out, in, "QUIT");
        }
        return new double[] {(System.nanoTime() - t0) / 1e9, bytes};
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("pop3bench");
        double[] ours;
        try (TestServer server = TestServer.create(dir.resolve("base"))) {
            server.directory.mainDomain().createAccount("u0", null, false, Map.of(AccountSettings.PASSWORD, "pw"));
            ImapBench.populate("127.0.0.1", server.imap(), "u0", "pw", messages);
            int port = server.pop3();
            retrieve(port, messages);
            ours = retrieve(port, messages);
        }
        double[] theirs;
        try (DovecotServer d = DovecotServer.builder().user("u0", "pw").extraConfig("mail_fsync = optimized")
                .start()) {
            ImapBench.populate(d.host(), d.imapPort(), "u0", "pw", messages);
            retrieve(d.pop3Port(), messages);
            theirs = retrieve(d.pop3Port(), messages);
        }
        System.out.printf("POP3 retrieval of a %,d-message maildrop (~4 KB each): login, STAT, LIST, UIDL, RETR all%n",
                messages);
        System.out.printf("| Server | seconds | messages/s | MB/s |%n|---|---:|---:|---:|%n");
        System.out.printf("| Mailferry | %.2f | %,.0f | %.1f |%n", ours[0], messages / ours[0], ours[1] / ours[0] / 1e6);
        System.out.printf("| Dovecot | %.2f | %,.0f | %.1f |%n", theirs[0], messages / theirs[0],
                theirs[1] / theirs[0] / 1e6);
        System.out.printf("Mailferry / Dovecot (messages/s): %.2f%n", theirs[0] / ours[0]);
    }
}
