package org.mailferry.migrate.importers;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mailferry.app.ImportCommand;
import org.mailferry.cli.CliClient;
import org.mailferry.data.DataFormat;
import org.mailferry.directory.Directory;
import org.mailferry.directory.StandardPasswordCodec;
import org.mailferry.testing.ServerProcess;
import picocli.CommandLine;

/**
 * bench/import-accounts: writes an account list of N accounts ({@code Name}, {@code UnixPassword} as {@code {SSHA}}
 * of a known password, {@code RealName}), then for each --parallel value: a fresh server (child JVM), the import
 * through {@code mailferry import accounts} (every CREATEACCOUNT acknowledged only once durable), a rerun (all
 * exist), SIGKILL, then the base directory opened in this JVM (the journal replayed) and a check that all N accounts
 * are there and a sample's passwords verify. The peer figure is the
 * ceiling the CLI server allows: bare CREATEACCOUNT commands with the same settings over one connection, on a fresh
 * server. Not a test.
 */
public final class ImportAccountsBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<Integer> parallels = new ArrayList<>();
        for (String p : (args.length > 1 ? args[1] : "1,4").split(",")) {
            parallels.add(Integer.parseInt(p.strip()));
        }
        Path work = Files.createTempDirectory("mf-bench-import");
        Path list = work.resolve("accounts.tab");
        long t0 = System.nanoTime();
        List<String> settings = writeList(list, n);
        System.out.printf("account list: %,d accounts, %,d bytes, written in %.1f s%n", n, Files.size(list),
                secs(t0));
        long t1 = System.nanoTime();
        Importer.Input in = AccountRows.read(AccountList.read(list));
        System.out.printf("read + check every line and hash (client side): %.2f s (%,d wanted accounts)%n", secs(t1),
                in.wanted().size());
        for (int p : parallels) {
            Path base = work.resolve("base-p" + p);
            int port = ServerProcess.freePort();
            try (ServerProcess server = ServerProcess.start(base, Map.of("cli", port))) {
                long s = System.nanoTime();
                String out = run(port, "accounts", list.toString(), "--parallel", String.valueOf(p), "--quiet");
                double secs = secs(s);
                System.out.printf("import --parallel %d: %,d accounts in %.1f s = %,.0f accounts/s; %s%n", p, n,
                        secs, n / secs, out.strip());
                long r = System.nanoTime();
                String again = run(port, "accounts", list.toString(), "--parallel", String.valueOf(p), "--quiet");
                System.out.printf("  rerun (all exist): %.1f s; %s%n", secs(r), again.strip());
                server.kill();
            }
            long o = System.nanoTime();
            try (Directory d = Directory.open(base, "example.test", StandardPasswordCodec.INSTANCE)) {
                double open = secs(o);
                int count = d.mainDomain().accountCount() - 1;
                Random rnd = new Random(p);
                int ok = 0;
                for (int k = 0; k < 50; k++) {
                    int i = rnd.nextInt(n);
                    ok += d.mainDomain().account("u" + i).verifyPassword("pw-" + i) ? 1 : 0;
                }
                System.out.printf("  after SIGKILL: the directory opens (journal replayed) in %.1f s; %,d of %,d "
                        + "accounts present; %d of 50 sampled log in%n", open, count, n, ok);
            }
            Trees.delete(base);
        }
        int m = Math.min(n, 20_000);
        Path base = work.resolve("base-peer");
        int port = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(base, Map.of("cli", port));
             CliClient c = CliClient.connect("127.0.0.1", port, "postmaster", "secret", 60_000)) {
            long s = System.nanoTime();
            for (int i = 0; i < m; i++) {
                c.command("CREATEACCOUNT " + DataFormat.print("u" + i + "@example.test") + " " + settings.get(i));
            }
            double secs = secs(s);
            System.out.printf("peer: bare CREATEACCOUNT over one connection, same settings: %,d accounts in %.1f s = "
                    + "%,.0f accounts/s%n", m, secs, m / secs);
            server.stop();
        }
        Trees.delete(work);
    }

    /** Writes the list; returns each account's settings dictionary as CREATEACCOUNT would send it. */
    private static List<String> writeList(Path file, int n) throws Exception {
        StringBuilder sb = new StringBuilder("Name\tUnixPassword\tRealName\n");
        List<String> settings = new ArrayList<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-1");
        Random rnd = new Random(42);
        for (int i = 0; i < n; i++) {
            byte[] salt = new byte[8];
            rnd.nextBytes(salt);
            sha.update(("pw-" + i).getBytes(StandardCharsets.UTF_8));
            sha.update(salt);
            byte[] d = sha.digest();
            byte[] all = new byte[28];
            System.arraycopy(d, 0, all, 0, 20);
            System.arraycopy(salt, 0, all, 20, 8);
            String hash = "{SSHA}" + Base64.getEncoder().encodeToString(all);
            sb.append('u').append(i).append('\t').append(hash).append("\tUser Number ").append(i).append('\n');
            if (i < 20_000) {
                settings.add(DataFormat.print(Map.of("Password", "\u0002" + hash, "RealName", "User Number " + i)));
            }
        }
        Files.writeString(file, sb);
        return settings;
    }

    private static String run(int port, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--port", String.valueOf(port), "--password", "secret"));
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new ImportCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(System.err, true));
        int exit = cmd.execute(all.toArray(String[]::new));
        return "exit " + exit + ": " + out;
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Deletes a folder tree. */
    private static final class Trees {
        static void delete(Path p) throws java.io.IOException {
            try (var s = Files.walk(p)) {
                for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(q);
                }
            }
        }
    }
}
