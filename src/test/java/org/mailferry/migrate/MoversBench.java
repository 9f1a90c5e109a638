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
import org.mailferry.testing.ServerProcess;

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
                     .user("ours", "o").user("ours1", "o").user("ours2", "o").user("ours3", "o").user("mbsync", "m").user("warm", "w").start()) {
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
            // every tool then reads a source whose index caches and page cache are warm, whatever its turn
            try (DovecotImap warm = new DovecotImap(src.host(), src.imapPort(), "bench", "b")) {
                for (String f : warm.list()) warm.messages(f);
            }
            Map<String, String> pairs = new LinkedHashMap<>();
            for (DovecotCorpus.Folder f : corpus) pairs.put(DovecotCorpus.name(f, Layout.MAILDIR_DOT), MailboxComparison.expectedName(f.path(), Layout.MAILDIR_DOT, Layout.MAILDIR_FS));

            // untimed: the launcher's first run of a command after a build records what the AOT cache is made from
            // (docs/adr/0009), which an admin's later runs use; this also lets the target Dovecot start its processes once
            Result warm = timed("warm-up (not in the table)", launcher("MoveIMAPMail", "--journal", work.resolve("journal-warm0").toString(),
                    src.imapAddress(), "bench", "b", tgt.imapAddress(), "warm", "w"), work);
            if (warm.code() != 0) throw new IllegalStateException("warm-up move failed: " + warm.code());
            awaitAotCache("MoveIMAPMail");
            List<Result> results = new ArrayList<>();
            String journal = work.resolve("journal").toString();
            List<Result> cold = new ArrayList<>();
            for (String user : COLD_ACCOUNTS) {
                cold.add(timed("MoveIMAPMail, " + connections + " connections", launcher("MoveIMAPMail", "--journal", journal + "-" + user,
                        "--connections", String.valueOf(connections), src.imapAddress(), "bench", "b", tgt.imapAddress(), user, "o"), work));
            }
            List<String> diffs = MailboxComparison.compare(src, "bench", tgt, "ours", pairs);
            String check = diffs.isEmpty() ? "exact copy (hashes, flags, dates)" : "DIFFERENCES: " + diffs;
            results.add(median("MoveIMAPMail, " + connections + " connections", cold, check));
            results.add(timed("MoveIMAPMail rerun (nothing to copy)", launcher("MoveIMAPMail", "--journal", journal + "-ours", "--connections", String.valueOf(connections),
                    src.imapAddress(), "bench", "b", tgt.imapAddress(), "ours", "o"), work));
            results.add(withNote(timed("MoveIMAPMail, 1 connection", launcher("MoveIMAPMail", "--journal", journal, "--connections", "1",
                    src.imapAddress(), "bench", "b", tgt.imapAddress(), "ours1", "o"), work), counts(tgt, "ours1", pairs, corpus)));

            Path rc = work.resolve("mbsyncrc");
            Files.writeString(rc, mbsyncConfig(src, tgt, work.resolve("mbsync-state")));
            Files.createDirectories(work.resolve("mbsync-state"));
            results.add(withNote(timed("mbsync (isync " + version() + ")", List.of("mbsync", "-c", rc.toString(), "-a"), work),
                    counts(tgt, "mbsync", pairs, corpus) + " (mbsync adds an X-TUID header to every message); keywords not copied (mbsync syncs standard flags only)"));

            List<Result> intoMailferry = intoMailferry(src, work, corpus, pairs, connections);

            System.out.printf("%nCorpus: %d messages, %.1f MB, %d folders%s; Dovecot %s, loopback. imapsync (not packaged in Debian) is"
                            + " given as the issue's figure, 230 messages/s and 12 MB/s; ratio = messages/s over 230.%n",
                    messages, bytes / 1e6, folders, noKeywords ? ", system flags only" : ", system flags and keywords", dovecotVersion());
            System.out.printf("%nDovecot (Maildir '.'+INBOX.) -> Dovecot (Maildir fs '/'):%n%n");
            table(results, messages, bytes);
            System.out.printf("%nDovecot (Maildir '.'+INBOX.) -> Mailferry (text mailboxes, fsync on every APPEND):%n%n");
            table(intoMailferry, messages, bytes);
        } finally {
            ImapMove.deleteTree(work);
        }
    }

    static void table(List<Result> rows, int messages, long bytes) {
        System.out.println("| Tool | Seconds | Messages/s | MB/s | x imapsync | Peak RSS | Exit | Check |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---|");
        for (Result r : rows) {
            boolean rerun = r.tool().contains("rerun");
            double rate = messages / r.seconds();
            System.out.printf("| %s | %.2f | %s | %s | %s | %d MB | %d | %s |%n", r.tool(), r.seconds(),
                    rerun ? "-" : String.format("%.0f", rate), rerun ? "-" : String.format("%.1f", bytes / 1e6 / r.seconds()),
                    rerun ? "-" : String.format("%.1f", rate / 230), r.peakRssKb() / 1024, r.code(), r.note());
        }
    }

    static final int WARM_ACCOUNTS = 5;
    /** The cold single-account runs, each into an empty account of its own; the table gives their median. */
    static final List<String> COLD_ACCOUNTS = List.of("ours", "ours2", "ours3");

    /** The run of median time among {@code runs}, with every run's time in the note. */
    static Result median(String tool, List<Result> runs, String check) {
        List<Result> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(Result::seconds));
        Result m = sorted.get(sorted.size() / 2);
        int code = runs.stream().mapToInt(Result::code).filter(c -> c != 0).findFirst().orElse(0);
        long peak = runs.stream().mapToLong(Result::peakRssKb).max().orElse(0);
        String times = String.join(", ", runs.stream().map(r -> String.format("%.2f", r.seconds())).toList());
        return new Result(tool + " (median of " + runs.size() + ")", code, m.seconds(), peak, check + "; runs: " + times + " s");
    }

    /**
     * The same corpus into a Mailferry server (text mailboxes, its defaults): MoveAccounts with
     * {@value #WARM_ACCOUNTS} accounts in one JVM (how a migration of many accounts runs; the row gives the
     * median per-account time of accounts 2 to 5, with the JVM warm, and the first account's time), then
     * MoveIMAPMail in a fresh JVM, then mbsync, after a warm-up move of three accounts that is not timed (a
     * long-running server's JIT is warm; a fresh one compiles for its first seconds); all in plaintext as between the two Dovecots (Mailferry offers
     * STARTTLS, which the movers' default "auto" takes: --target-tls none), plus one MoveIMAPMail row with STARTTLS. The server runs from the start of this part and is warmed by
     * the MoveAccounts run, as a long-running server would be.
     */
    static List<Result> intoMailferry(DovecotServer src, Path work, List<DovecotCorpus.Folder> corpus, Map<String, String> pairs,
                                      int connections) throws Exception {
        List<Result> rows = new ArrayList<>();
        int cli = ServerProcess.freePort(), imap = ServerProcess.freePort();
        try (ServerProcess mf = ServerProcess.start(work.resolve("mailferry"), Map.of("cli", cli, "imap", imap))) {
            StringBuilder list = new StringBuilder("Name\tPassword\n");
            for (String u : List.of("ours", "ours2", "ours3", "ourstls", "mbsync", "warm1", "warm2", "warm3", "warm4", "warm5")) list.append(u).append("\to\n");
            StringBuilder moves = new StringBuilder("Name\tPassword\tNewName\tNewPassword\n");
            for (int i = 1; i <= WARM_ACCOUNTS; i++) {
                list.append("acc").append(i).append("\to\n");
                moves.append("bench\tb\tacc").append(i).append("\to\n");
            }
            Files.writeString(work.resolve("mf-accounts"), list);
            Files.writeString(work.resolve("mf-moves"), moves);
            int imported = new picocli.CommandLine(new org.mailferry.app.Main()).execute("import", "accounts",
                    work.resolve("mf-accounts").toString(), "--port", String.valueOf(cli), "--password", "secret");
            if (imported != 0) throw new IllegalStateException("import accounts into Mailferry failed: " + imported);
            String target = "127.0.0.1:" + imap;
            // a mail server runs for months: warm its JIT with a move that is not timed, as Dovecot needs no warming
            Path warmMoves = work.resolve("mf-warm-moves");
            Files.writeString(warmMoves, "Name\tPassword\tNewName\tNewPassword\n" + "bench\tb\twarm1\to\n"
                    + "bench\tb\twarm2\to\nbench\tb\twarm3\to\n");
            Result warmup = timed("warm-up (not in the table)", launcher("MoveAccounts", "--IMAP", warmMoves.toString(), src.imapAddress(), target, "--journal",
                    work.resolve("journal-warm").toString(), "--target-tls", "none"), work);
            if (warmup.code() != 0) throw new IllegalStateException("warm-up move failed: " + warmup.code());
            awaitAotCache("MoveAccounts");

            Path report = work.resolve("mf-report.json");
            Result all = timed("MoveAccounts --IMAP, " + WARM_ACCOUNTS + " accounts", launcher("MoveAccounts", "--IMAP", "--report", report.toString(),
                    work.resolve("mf-moves").toString(), src.imapAddress(), target, "--journal", work.resolve("journal-mf").toString(),
                    "--connections", String.valueOf(connections), "--target-tls", "none"), work);
            List<Long> ms = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"durationMillis\":(\\d+)").matcher(Files.readString(report));
            while (m.find()) ms.add(Long.parseLong(m.group(1)));
            if (ms.size() != WARM_ACCOUNTS) throw new IllegalStateException("report has " + ms.size() + " accounts: " + Files.readString(report));
            List<Long> warm = new ArrayList<>(ms.subList(1, ms.size()));
            warm.sort(null);
            double median = warm.get(warm.size() / 2) / 1e3;
            String check = counts("127.0.0.1", imap, "acc" + WARM_ACCOUNTS, "o", pairs, corpus);
            rows.add(new Result("MoveAccounts, one JVM, per account (median of accounts 2-" + WARM_ACCOUNTS + ")", all.code(), median,
                    all.peakRssKb(), String.format("first account %.2f s, all %d accounts %.2f s; account %d: %s", ms.get(0) / 1e3,
                            WARM_ACCOUNTS, all.seconds(), WARM_ACCOUNTS, check)));

            // the AOT cache of MoveIMAPMail was recorded by a move into Dovecot above; an admin moving into Mailferry
            // has it recorded by a first move into Mailferry (other capabilities, the CLI that keeps UIDs): do that
            try (var old = Files.newDirectoryStream(Path.of("target", "aot"), "org.mailferry.migrate.MoveIMAPMail-*.aot")) {
                for (Path f : old) Files.delete(f);
            }
            Result warmOne = timed("warm-up (not in the table)", launcher("MoveIMAPMail", "--journal", work.resolve("journal-mf-warm").toString(),
                    "--connections", String.valueOf(connections), "--target-tls", "none", src.imapAddress(), "bench", "b", target, "warm4", "o"), work);
            if (warmOne.code() != 0) throw new IllegalStateException("warm-up move failed: " + warmOne.code());
            awaitAotCache("MoveIMAPMail");
            List<Result> cold = new ArrayList<>();
            for (String user : COLD_ACCOUNTS) {
                cold.add(timed("MoveIMAPMail, " + connections + " connections, new JVM", launcher("MoveIMAPMail", "--journal",
                        work.resolve("journal-mf1-" + user).toString(), "--connections", String.valueOf(connections), "--target-tls", "none",
                        src.imapAddress(), "bench", "b", target, user, "o"), work));
            }
            List<String> diffs = MailboxComparison.compare(src, "bench", "127.0.0.1", imap, "ours", "o", pairs);
            rows.add(median("MoveIMAPMail, " + connections + " connections, new JVM", cold,
                    diffs.isEmpty() ? "exact copy (hashes, flags, dates); UIDs and UIDVALIDITY kept" : "DIFFERENCES: " + diffs));
            // the server's TLS code is warm in a server that has run for a while; the mover's JVM is new, as above
            Result warmTls = timed("warm-up (not in the table)", launcher("MoveIMAPMail", "--journal", work.resolve("journal-mf-warmtls").toString(),
                    "--connections", String.valueOf(connections), src.imapAddress(), "bench", "b", target, "warm5", "o"), work);
            if (warmTls.code() != 0) throw new IllegalStateException("warm-up move failed: " + warmTls.code());
            Result tls = timed("MoveIMAPMail, " + connections + " connections, new JVM, STARTTLS to the target (--target-tls auto)",
                    launcher("MoveIMAPMail", "--journal",
                            work.resolve("journal-mf2").toString(), "--connections", String.valueOf(connections), src.imapAddress(), "bench", "b",
                            target, "ourstls", "o"), work);
            rows.add(withNote(tls, counts("127.0.0.1", imap, "ourstls", "o", pairs, corpus)));

            Path rc = work.resolve("mbsyncrc-mf");
            Files.writeString(rc, mbsyncConfig(src, imap, "mbsync", "o", work.resolve("mbsync-state-mf")));
            Files.createDirectories(work.resolve("mbsync-state-mf"));
            rows.add(withNote(timed("mbsync (isync " + version() + ")", List.of("mbsync", "-c", rc.toString(), "-a"), work),
                    counts("127.0.0.1", imap, "mbsync", "o", pairs, corpus) + " (X-TUID headers); keywords not copied"));
        }
        return rows;
    }

    /** Waits until the launcher has made the AOT cache of a command, which it does after the command's first run. */
    static void awaitAotCache(String command) throws Exception {
        Path dir = Path.of("target", "aot");
        for (int i = 0; i < 300; i++) {
            try (var files = Files.list(dir)) {
                if (files.anyMatch(f -> f.getFileName().toString().matches(".*\\." + command + "-.*\\.aot"))) return;
            } catch (java.nio.file.NoSuchFileException e) {
                // not made yet
            }
            Thread.sleep(100);
        }
        System.err.println("no AOT cache for " + command + " after 30 s; the timed runs go without (MAILFERRY_AOT=no?)");
    }

    static Result withNote(Result r, String note) { return new Result(r.tool(), r.code(), r.seconds(), r.peakRssKb(), note); }

    static String java() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }

    /**
     * The command as an admin runs it: the launcher in bin/ (the jar built by bench/_java.sh before this JVM
     * started, an AOT cache per command, docs/adr/0009), with a 256 MB heap (MAILFERRY_JAVA_OPTS).
     */
    static List<String> launcher(String command, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of("bin", command).toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static Result timed(String tool, List<String> command, Path work) throws Exception {
        System.err.println("running " + tool + " ...");
        // the previous run's dirty pages go to disk now, not during this run's fsyncs (the same for every tool)
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        Thread.sleep(1500); // the previous run's servers finish their work (processes exit, caches are written) first
        List<String> cmd = new ArrayList<>(command);
        String extra = System.getenv("MOVER_JAVA_OPTS"); // e.g. a flight recording, to profile the mover
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("out.log").toFile());
        pb.environment().put("MAILFERRY_JAVA_OPTS", "-Xmx256m" + (extra == null ? "" : " " + extra.trim()));
        long t0 = System.nanoTime();
        Process p = pb.start();
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
        return counts(tgt.host(), tgt.imapPort(), user, tgt.password(user), pairs, corpus);
    }

    static String counts(String host, int port, String user, String password, Map<String, String> pairs, List<DovecotCorpus.Folder> corpus) {
        int bad = 0;
        long delta = 0;
        String first = "";
        try (DovecotImap c = new DovecotImap(host, port, user, password)) {
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
        return mbsyncConfig(src, tgt.imapPort(), "mbsync", "m", state);
    }

    static String mbsyncConfig(DovecotServer src, int tgtPort, String tgtUser, String tgtPassword, Path state) {
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
                User %s
                Pass %s
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
                """.formatted(src.imapPort(), tgtPort, tgtUser, tgtPassword, state);
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
