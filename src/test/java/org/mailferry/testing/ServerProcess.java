package org.mailferry.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Mailferry server in a child JVM (same classpath as the tests), started with {@code mailferry server}
 * options, for tests that need a real process: crash tests (SIGKILL), interop with external clients. It
 * waits for {@code ready} and records the listener lines ({@code cli 127.0.0.1:12345}).
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<String> output = new ArrayList<>();

    private ServerProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts {@code mailferry server --base BASE --domain example.test --postmaster-password secret} with every
     * listener disabled except those given in {@code ports} (name → port; use {@link #freePort()}).
     */
    public static ServerProcess start(Path base, Map<String, Integer> listeners, String... extra) throws IOException {
        return start(base, listeners, null, extra);
    }

    /** As {@link #start(Path, Map, String...)}, with the server's log (stderr, DEBUG level) written to {@code log}. */
    public static ServerProcess start(Path base, Map<String, Integer> listeners, Path log, String... extra)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Dlogback.configurationFile=logback.xml"); // the server's own logging, not the tests' quiet one
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.mailferry.app.Main");
        cmd.add("server");
        cmd.add("--base");
        cmd.add(base.toString());
        cmd.add("--domain");
        cmd.add("example.test");
        cmd.add("--postmaster-password");
        cmd.add("secret");
        for (String name : List.of("cli", "smtp", "submission", "smtps", "pop3", "pop3s", "imap", "imaps", "http")) {
            cmd.add("--" + name + "-port");
            cmd.add(String.valueOf(listeners.getOrDefault(name, 0)));
        }
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (log == null) {
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        } else {
            pb.redirectError(log.toFile());
            pb.environment().put("MAILFERRY_LOG", "DEBUG");
        }
        Process p = pb.start();
        ServerProcess sp = new ServerProcess(p);
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String line; (line = r.readLine()) != null; ) {
            sp.output.add(line);
            if (line.equals("ready")) {
                Thread.ofVirtual().start(() -> drain(r));
                return sp;
            }
            String[] w = line.split(" ");
            if (w.length == 2 && w[1].contains(":")) {
                sp.ports.put(w[0], Integer.parseInt(w[1].substring(w[1].lastIndexOf(':') + 1)));
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        p.destroyForcibly();
        throw new IOException("the server did not become ready; it printed " + sp.output);
    }

    private static void drain(BufferedReader r) {
        try {
            while (r.readLine() != null) {
                // keep the pipe empty
            }
        } catch (IOException ignored) {
            // process ended
        }
    }

    /** A TCP port free on 127.0.0.1 now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public int port(String listener) {
        Integer p = ports.get(listener);
        if (p == null) {
            throw new IllegalStateException("no " + listener + " listener; the server printed " + output);
        }
        return p;
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    public Process process() {
        return process;
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait for a clean exit; returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
