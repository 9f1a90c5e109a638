package org.mailferry.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs third-party programs (Python scripts, swaks, mbsync, fetchmail…) for interop tests and returns their output. */
public final class Peers {
    private Peers() {
    }

    public record Result(int exit, String output) {
    }

    /** Runs a command with a time limit; the output is stdout and stderr together. */
    public static Result run(Path dir, List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "peer", ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd.get(0) + " timed out; output:\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Runs a Python 3 script with arguments and asserts it exited 0; returns its output. */
    public static String python(Path dir, String script, Object... args) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "test", ".py");
        Files.writeString(file, script);
        List<String> cmd = new ArrayList<>(List.of("python3", file.toString()));
        for (Object a : args) {
            cmd.add(String.valueOf(a));
        }
        Result r = run(dir, cmd, 120);
        assertThat(r.exit()).as("python output:\n%s", r.output()).isZero();
        return r.output();
    }
}
