package org.mailferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many CLI sessions at once create accounts and update one shared account: nothing is lost. */
class CliConcurrencyTest {
    @TempDir
    Path base;

    @Test
    void parallelSessionsLoseNoUpdate() throws Exception {
        int sessions = 12;
        int each = 24;
        try (CliTestServer server = new CliTestServer(base, TestCodecs.codec())) {
            try (CliClient c = server.client()) {
                c.command("CREATEACCOUNT shared");
                c.command("CREATEDOMAIN second.example");
            }
            try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> fs = new ArrayList<>();
                for (int s = 0; s < sessions; s++) {
                    int id = s;
                    fs.add(ex.submit((Callable<Void>) () -> {
                        try (CliClient c = server.client()) {
                            for (int i = 0; i < each; i++) {
                                String domain = i % 2 == 0 ? "" : "@second.example";
                                c.command("CREATEACCOUNT s" + id + "n" + i + domain + " {RealName=\"S" + id + "\";}");
                                c.command("UPDATEACCOUNTSETTINGS shared {S" + id + "N" + i + "=x;}");
                                c.command("SETACCOUNTALIASES s" + id + "n" + i + domain + " (a" + id + "n" + i + ")");
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
            }
            try (CliClient c = server.client()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> shared = (Map<String, Object>) c.command("GETACCOUNTSETTINGS shared");
                assertThat(shared).hasSize(sessions * each);
                assertThat((Map<?, ?>) c.command("LISTACCOUNTS")).hasSize(sessions * each / 2 + 2);
                assertThat((Map<?, ?>) c.command("LISTACCOUNTS second.example")).hasSize(sessions * each / 2);
                assertThat(c.command("GETACCOUNTALIASES s3n1@second.example")).isEqualTo(List.of("a3n1"));
            }
        }
    }
}
