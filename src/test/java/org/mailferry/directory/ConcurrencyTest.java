package org.mailferry.directory;

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

/** Many writers at once: every creation and every settings update survives, also after a reopen. */
class ConcurrencyTest {
    @TempDir
    Path base;

    @Test
    void concurrentCreatesAndUpdatesLoseNothing() throws Exception {
        Directory d = Directory.open(base, "example.test", PasswordCodec.CLEAR_ONLY);
        d.mainDomain().createAccount("shared", null, false, Map.of());
        int threads = 16;
        int perThread = 40;
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                fs.add(ex.submit((Callable<Void>) () -> {
                    for (int i = 0; i < perThread; i++) {
                        d.mainDomain().createAccount("u" + id + "-" + i, null, false, Map.of("RealName", "U" + i));
                        d.mainDomain().account("shared").updateSettings(Map.of("Key" + id + "-" + i, "v"));
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        }
        d.close();
        Directory again = Directory.open(base, "example.test", PasswordCodec.CLEAR_ONLY);
        again.close();
        assertThat(again.mainDomain().accountNames()).hasSize(threads * perThread + 1);
        assertThat(again.mainDomain().account("shared").settings()).hasSize(threads * perThread);
    }
}
