package org.mailferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.mailferry.cli.CliClient;
import org.mailferry.data.DataFormat;
import org.mailferry.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server killed with SIGKILL while clients create accounts and update settings restarts with every
 * acknowledged change intact and no torn file; SIGTERM shuts it down cleanly with exit code 0.
 */
class CrashTest {
    @TempDir
    Path base;

    @Test
    void killedServerKeepsEveryAcknowledgedChange() throws Exception {
        Random rnd = new Random(42);
        List<String> acked = new ArrayList<>();
        List<String> ackedKeys = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            int port = ServerProcess.freePort();
            try (ServerProcess server = ServerProcess.start(base, Map.of("cli", port))) {
                if (round == 0) {
                    try (CliClient c = CliClient.connect("127.0.0.1", port, "postmaster", "secret", 10_000)) {
                        c.command("CREATEACCOUNT counter");
                    }
                }
                AtomicBoolean stop = new AtomicBoolean();
                int r = round;
                Thread writer = Thread.ofVirtual().start(() -> {
                    try (CliClient c = CliClient.connect("127.0.0.1", port, "postmaster", "secret", 10_000)) {
                        for (int i = 0; !stop.get(); i++) {
                            String name = "r" + r + "-" + i;
                            c.command("CREATEACCOUNT " + name + " {RealName=\"" + name + "\";}");
                            synchronized (acked) {
                                acked.add(name);
                            }
                            c.command("UPDATEACCOUNTSETTINGS counter {K" + r + "x" + i + "=v;}");
                            synchronized (acked) {
                                ackedKeys.add("K" + r + "x" + i);
                            }
                        }
                    } catch (Exception e) {
                        // the kill cut the connection: expected
                    }
                });
                // let some changes be acknowledged (however loaded the machine is), then kill at a random moment
                int before;
                synchronized (acked) {
                    before = acked.size();
                }
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (System.nanoTime() < deadline) {
                    synchronized (acked) {
                        if (acked.size() >= before + 5) {
                            break;
                        }
                    }
                    Thread.sleep(10);
                }
                Thread.sleep(rnd.nextInt(400));
                server.kill();
                stop.set(true);
                writer.join();
            }
        }
        int port = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(base, Map.of("cli", port));
             CliClient c = CliClient.connect("127.0.0.1", port, "postmaster", "secret", 10_000)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> accounts = (Map<String, Object>) c.command("LISTACCOUNTS");
            assertThat(acked).isNotEmpty();
            assertThat(accounts.keySet()).containsAll(acked);
            @SuppressWarnings("unchecked")
            Map<String, Object> counter = (Map<String, Object>) c.command("GETACCOUNTSETTINGS counter");
            assertThat(counter.keySet()).containsAll(ackedKeys);
            assertThat(server.stop()).isZero();
        }
        try (Stream<Path> files = Files.walk(base)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".settings")).toList()) {
                DataFormat.parseDictionary(Files.readString(f, StandardCharsets.UTF_8)); // no torn file
            }
        }
    }
}
