package org.mailferry.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotServer;

/**
 * The Dovecot half of {@link StoreBench}: a private Dovecot (Debian's, {@link DovecotServer}) with mbox or
 * Maildir and {@code mail_fsync = optimized} (its default), given the same source file and the same steps.
 */
final class StoreBenchDovecot {
    private StoreBenchDovecot() {
    }

    static StoreBench.Figures run(Path dir, Path source, boolean maildir) throws Exception {
        String name = "Dovecot " + (maildir ? "Maildir" : "mbox");
        // Dovecot's mail processes run as nobody when we are root: the source must be readable, and read-only
        // so that Dovecot never writes its metadata into it
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("r--r--r--"));
        Path srcRoot = dir.resolve("dovecot-source-root");
        Files.createDirectories(srcRoot);
        try (DovecotServer d = DovecotServer.builder().layout(maildir ? DovecotServer.Layout.MAILDIR_FS
                : DovecotServer.Layout.MBOX).pop3(false).user("bench", "pw").extraConfig("mail_fsync = optimized")
                .start()) {
            long t0 = System.nanoTime();
            doveadm(d, "import", "-u", "bench", "mbox:" + srcRoot + ":INBOX=" + source + ":INDEX=MEMORY", "",
                    "mailbox", "INBOX", "ALL");
            double appendS = (System.nanoTime() - t0) / 1e9;
            int n = exists(d);
            System.out.printf("%s: append (doveadm import) %,d messages in %.1f s%n", name, n, appendS);
            double[] select = new double[5];
            for (int i = 0; i < select.length; i++) {
                select[i] = coldSelect(d);
            }
            long t1 = System.nanoTime();
            doveadm(d, "mailbox", "status", "-u", "bench", "messages unseen uidnext", "INBOX");
            double statusMs = (System.nanoTime() - t1) / 1e6;
            System.out.printf("%s: cold open, SELECT %s ms; doveadm mailbox status (a new process) %.0f ms%n", name,
                    Arrays.toString(select), statusMs);
            double[] legacy = new double[3];
            for (int i = 0; i < legacy.length; i++) {
                legacyAppend(d, maildir, i);
                legacy[i] = coldSelect(d);
            }
            System.out.printf("%s: cold open after a legacy append (SELECT) %s ms%n", name, Arrays.toString(legacy));
            double expungeMs;
            int expunged;
            try (DovecotImap c = new DovecotImap(d.host(), d.imapPort(), "bench", "pw")) {
                long t2 = System.nanoTime();
                int exists = existsOf(c.command("SELECT INBOX"));
                StringBuilder set = new StringBuilder();
                expunged = 0;
                for (int i = 1; i <= exists; i += 100) {
                    set.append(set.isEmpty() ? "" : ",").append(i);
                    expunged++;
                }
                c.command("STORE " + set + " +FLAGS.SILENT (\\Deleted)");
                c.command("EXPUNGE");
                expungeMs = (System.nanoTime() - t2) / 1e6;
            }
            System.out.printf("%s: expunge %d messages (1 %%, spread) incl. SELECT: %.0f ms%n", name, expunged,
                    expungeMs);
            return new StoreBench.Figures(name, n, appendS, statusMs, StoreBench.median(select),
                    StoreBench.median(legacy), expungeMs);
        }
    }

    /** SELECT INBOX in a new IMAP session (a new imap process reading the indexes from disk); login not timed. */
    static double coldSelect(DovecotServer d) throws IOException {
        try (DovecotImap c = new DovecotImap(d.host(), d.imapPort(), "bench", "pw")) {
            long t = System.nanoTime();
            if (existsOf(c.command("SELECT INBOX")) == 0) {
                throw new IllegalStateException("empty");
            }
            return (System.nanoTime() - t) / 1e6;
        }
    }

    static int exists(DovecotServer d) throws IOException {
        try (DovecotImap c = new DovecotImap(d.host(), d.imapPort(), "bench", "pw")) {
            return existsOf(c.command("EXAMINE INBOX"));
        }
    }

    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS");

    static int existsOf(List<byte[]> untagged) {
        for (byte[] l : untagged) {
            Matcher m = EXISTS.matcher(new String(l, StandardCharsets.ISO_8859_1));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 0;
    }

    static void legacyAppend(DovecotServer d, boolean maildir, int k) throws IOException, InterruptedException {
        Path home = d.home("bench");
        if (maildir) {
            Path f = home.resolve("Maildir/new/" + (1_700_000_000 + k) + ".M" + k + "P1.legacy");
            String m = StoreBench.LEGACY;
            Files.writeString(f, m.substring(m.indexOf('\n') + 1));
            if ("root".equals(System.getProperty("user.name"))) {
                DovecotServer.chownNobody(f);
            }
        } else {
            StoreBench.appendLikeAMailer(home.resolve("mail/inbox"));
        }
    }

    static void doveadm(DovecotServer d, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("doveadm", "-c", d.dir().resolve("dovecot.conf").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out + "\n" + d.logTail());
        }
    }
}
