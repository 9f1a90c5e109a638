package org.mailferry.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.mailferry.cli.CliClient;
import org.mailferry.testing.ServerProcess;

/**
 * bench/directory.sh: N accounts created through one CLI connection (each acknowledged only once durable),
 * then the time from process start to "ready" with them, then a look-up. Not a test.
 */
public final class DirectoryBench {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("--startup-only")) {
            startup(Path.of(args[1]), -1);
            return;
        }
        int n = Integer.parseInt(args[0]);
        Path base = Files.createTempDirectory("mf-bench-dir");
        int port = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(base, Map.of("cli", port));
             CliClient c = CliClient.connect("127.0.0.1", port, "postmaster", "secret", 60_000)) {
            c.command("UPDATEACCOUNTDEFAULTS {PasswordEncryption=clear;}");
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                c.command("CREATEACCOUNT user" + i + " {Password=\"pw" + i + "\";RealName=\"User " + i + "\";}");
                if ((i + 1) % 20000 == 0) {
                    System.err.printf("  %d accounts…%n", i + 1);
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("create: %d accounts in %.1f s = %.0f accounts/s (one CLI connection, durable)%n",
                    n, secs, n / secs);
            server.stop();
        }
        startup(base, n);
        System.out.println("base directory left in " + base + " (delete it when done)");
    }

    private static void startup(Path base, int n) throws Exception {
        if (n < 0) {
            try (var s = Files.list(base.resolve("Accounts"))) {
                n = (int) s.filter(p -> p.toString().endsWith(".macnt")).count() - 1;
            }
        }
        for (int run = 0; run < 3; run++) {
            int port = ServerProcess.freePort();
            long t0 = System.nanoTime();
            try (ServerProcess server = ServerProcess.start(base, Map.of("cli", port))) {
                double secs = (System.nanoTime() - t0) / 1e9;
                try (CliClient c = CliClient.connect("127.0.0.1", port, "postmaster", "secret", 60_000)) {
                    long t1 = System.nanoTime();
                    c.command("VERIFYACCOUNTPASSWORD user" + (n / 2) + " PASSWORD pw" + (n / 2));
                    System.out.printf("start-up with %d accounts: %.2f s to ready (JVM start included); "
                            + "first look-up + verify %.1f ms%n", n + 1, secs, (System.nanoTime() - t1) / 1e6);
                }
                server.stop();
            }
        }
    }
}
