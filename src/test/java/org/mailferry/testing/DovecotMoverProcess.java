package org.mailferry.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a mover (any main class) in its own JVM with the test's class path, for tests that must
 * SIGKILL it or cap its heap. Output is merged into {@link Process#getInputStream()}.
 */
public final class DovecotMoverProcess {
    private DovecotMoverProcess() { }

    public static Process start(String maxHeap, String mainClass, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + maxHeap);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }
}
