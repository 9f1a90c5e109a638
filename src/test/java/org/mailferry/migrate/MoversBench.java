package org.mailferry.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotServer;
import org.mailferry.testing.DovecotServer.Layout;

/**
 * bench/movers: copies a generated corpus (default 2,000 messages, ~100 MB, 24 folders, real-mail size
 * mix) from one private Dovecot to another with MoveIMAPMail, then with the peers available on this
 * machine (mbsync from isync; imapsync is not in Debian bookworm), each into a fresh account, and prints
 * messages/s, MB/s and peak RSS (VmHWM of the process) for each, plus MoveIMAPMail's no-op rerun time.
 * Each copy is checked afterwards (message count and bytes per folder; for MoveIMAPMail the full
 * comparison of hashes, flags and dates). Usage: MoversBench [--no-keywords] [MESSAGES] [FOLDERS] [CONNECTIONS]
 */
public final class MoversBench {
    record Result(String tool, int code, double seconds, long peakRssKb, String note) { }

    public static void main(String[] args) throws Exception {
        List<String> a = new ArrayList<>(List.of(args));
        boolean noKeywords = a.remove("--no-keywords"); // what mbsync can copy: system flags only
        int messages = a.size() > 0 ? Integer.parseInt(a.get(0)) : 2000;
        int folders = a.size() > 1 ? Integer.parseInt(a.get(1)) : 24;
        int connections = a.size() > 2 ? Integer.parseInt(a.get(2)) : 4;
        Path work = Files.createTempDirectory("mf-bench");
        try (DovecotServer src = DovecotServer.builder().layout(Layout.MAILDIR_DOT).pop3(false).user("bench", "b").start();
             DovecotServer tgt = DovecotServer.builder().layout(Layout.MAILDIR_FS).pop3(false)
                     .user("ours", "o").user("ours1", "o").user("mbsync", "m").start()) {
            List<DovecotCorpus.Folder> corpus = DovecotCorpus.sized(42, messages, folders);
            if (noKeywords) {
                List<DovecotCorpus.Folder> stripped = new ArrayList<>();
                for (DovecotCorpus.Folder f : corpus) {
                    stripped.add(new DovecotCorpus.Folder(f.path(), f.messages().stream().map(m -> new DovecotCorpus.Message(m.bytes(),
                            m.flags().stream().filter(x -> x.startsWith("\\")).toList(), m.internalDate())).toList()));
                }
                corpus = stripped;
            }
            long bytes = corpus.stream().mapToLong(DovecotCorpus.Folder::bytes).sum();
            long t0 = System.nanoTime();
            DovecotCorpus.fill(src, "bench", corpus);
            System.err.printf("corpus: %d messages, %.1f MB, %d folders (filled in %.1f s)%n", messages, bytes / 1e6, folders,
                    (System.nanoTime() - t0) / 1e9);
            Map<String, String> pairs = new LinkedHashMap<>();
            for (DovecotCorpus.Folder f : corpus) pairs.put(DovecotCorpus.name(f, Layout.MAILDIR_DOT), MailboxComparison.expectedName(f.path(), Layout.MAILDIR_DOT, Layout.MAILDIR_FS));

            List<Result> results = new ArrayList<>();
            String journal = work.resolve("journal").toString();
            results.add(timed("MoveIMAPMail, " + connections + " connections", List.of(java(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    MoveIMAPMail.class.getName(), "--journal", journal, "--connections", String.valueOf(connections),
                    src.imapAddress(), "bench", "b", tgt.imapAddress(), "ours", "o"), work));
            List<String> diffs = MailboxComparison.compare(src, "bench", tgt, "ours", pairs);
            String check = diffs.isEmpty() ? "exact copy (hashes, flags, dates)" : "DIFFERENCES: " + diffs;
            results.set(0, withNote(results.get(0), check));
            results.add(timed("MoveIMAPMail rerun (nothing to copy)", List.of(java(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    MoveIMAPMail.class.getName(), "--journal", journal, "--connections", String.valueOf(connections),
                    src.imapAddress(), "bench", "b", tgt.imapAddress(), "ours", "o"), work));
            results.add(withNote(timed("MoveIMAPMail, 1 connection", List.of(java(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    MoveIMAPMail.class.getName(), "--journal", journal, "--connections", "1",
                    src.imapAddress(), "bench", "b", tgt.imapAddress(), "ours1", "o"), work), counts(tgt, "ours1", pairs, corpus)));

            Path rc = work.resolve("mbsyncrc");
            Files.writeString(rc, mbsyncConfig(src, tgt, work.resolve("mbsync-state")));
            Files.createDirectories(work.resolve("mbsync-state"));
            results.add(withNote(timed("mbsync (isync " + version() + ")", List.of("mbsync", "-c", rc.toString(), "-a"), work),
                    counts(tgt, "mbsync", pairs, corpus) + " (mbsync adds an X-TUID header to every message); keywords not copied (mbsync syncs standard flags only)"));

            System.out.printf("%nCorpus: %d messages, %.1f MB, %d folders%s; Dovecot %s -> Dovecot (Maildir '.'+INBOX. -> Maildir fs '/'), loopback.%n%n",
                    messages, bytes / 1e6, folders, noKeywords ? ", system flags only" : ", system flags and keywords", dovecotVersion());
            System.out.println("| Tool | Seconds | Messages/s | MB/s | Peak RSS | Exit | Check |");
            System.out.println("|---|---:|---:|---:|---:|---:|---|");
            for (Result r : results) {
                boolean rerun = r.tool().contains("rerun");
                System.out.printf("| %s | %.2f | %s | %s | %d MB | %d | %s |%n", r.tool(), r.seconds(),
                        rerun ? "-" : String.format("%.0f", messages / r.seconds()), rerun ? "-" : String.format("%.1f", bytes / 1e6 / r.seconds()),
                        r.peakRssKb() / 1024, r.code(), r.note());
            }
        } finally {
            ImapMove.deleteTree(work);
        }
    }

    static Result withNote(Result r, String note) { return new Result(r.tool(), r.code(), r.seconds(), r.peakRssKb(), note); }

    static String java() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }

    static Result timed(String tool, List<String> command, Path work) throws Exception {
        System.err.println("running " + tool + " ...");
        List<String> cmd = new ArrayList<>(command);
        String extra = System.getenv("MOVER_JAVA_OPTS"); // e.g. a flight recording, to profile the mover
        if (extra != null && cmd.get(0).equals(java())) cmd.addAll(1, List.of(extra.trim().split(" +")));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("out.log").toFile()).start();
        long peak = 0;
        while (p.isAlive()) {
            peak = Math.max(peak, hwm(p.pid()));
            Thread.sleep(20);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        String out = Files.readString(work.resolve("out.log"));
        System.err.print(out.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("") + "\n");
        return new Result(tool, p.exitValue(), s, peak, "");
    }

    static long hwm(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmHWM:")) return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | NumberFormatException e) {
            // process ended
        }
        return 0;
    }

    /** Message count and bytes per folder on the target against the corpus. */
    static String counts(DovecotServer tgt, String user, Map<String, String> pairs, List<DovecotCorpus.Folder> corpus) throws IOException {
        int bad = 0;
        long delta = 0;
        String first = "";
        try (DovecotImap c = new DovecotImap(tgt.host(), tgt.imapPort(), user, tgt.password(user))) {
            List<String> have = c.list();
            int i = 0;
            for (String target : pairs.values()) {
                DovecotCorpus.Folder f = corpus.get(i++);
                List<DovecotImap.Msg> got = have.contains(target) ? c.messages(target) : List.of();
                long b = got.stream().mapToLong(DovecotImap.Msg::size).sum();
                delta += b - f.bytes();
                if (got.size() != f.messages().size()) {
                    if (bad++ == 0) first = " (first: " + target + " has " + got.size() + " of " + f.messages().size() + "; target folders " + have + ")";
                }
            }
        } catch (IOException e) {
            return "check failed: " + e.getMessage();
        }
        String bytes = delta == 0 ? "bytes equal" : String.format("%+d bytes in all", delta);
        return bad == 0 ? "all folders: message count equal, " + bytes : bad + " folders differ in message count" + first;
    }

    static String mbsyncConfig(DovecotServer src, DovecotServer tgt, Path state) {
        return """
                IMAPAccount src
                Host 127.0.0.1
                Port %d
                User bench
                Pass b
                SSLType None
                AuthMechs LOGIN
                PipelineDepth 50

                IMAPStore src
                Account src

                IMAPAccount tgt
                Host 127.0.0.1
                Port %d
                User mbsync
                Pass m
                SSLType None
                AuthMechs LOGIN
                PipelineDepth 50

                IMAPStore tgt
                Account tgt

                Channel c
                Far :src:
                Near :tgt:
                Patterns *
                Create Near
                Sync Pull
                CopyArrivalDate yes
                SyncState %s/
                """.formatted(src.imapPort(), tgt.imapPort(), state);
    }

    static String version() {
        try {
            Process p = new ProcessBuilder("mbsync", "--version").redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().replace("isync ", "");
        } catch (IOException e) {
            return "?";
        }
    }

    static String dovecotVersion() {
        try {
            Process p = new ProcessBuilder(DovecotServer.DOVECOT, "--version").redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
