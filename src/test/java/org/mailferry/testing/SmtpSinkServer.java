package org.mailferry.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Postfix's {@code smtp-sink} as a private SMTP target on an ephemeral loopback port, dumping each received
 * transaction to its own file; {@link #received()} parses the dumps back into envelope + message. Extra
 * smtp-sink options (e.g. {@code -B "550 5.3.4 too big"} for hard bounces) can be passed. smtp-sink writes
 * the message with LF line ends, so {@link Received#message()} has LF line ends.
 */
public final class SmtpSinkServer implements AutoCloseable {
    /** One dumped transaction. */
    public record Received(String mailFrom, List<String> recipients, byte[] message) { }

    public static final String SMTP_SINK = "/usr/sbin/smtp-sink";

    private final Path dir;
    private final Process process;
    private final int port;

    private SmtpSinkServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    public static SmtpSinkServer start(String... extraOptions) throws IOException, InterruptedException {
        Path dir = prepare();
        for (int attempt = 0; attempt < 4; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            SmtpSinkServer sink = launch(dir, port, extraOptions);
            if (sink != null) return sink;
        }
        throw new IllegalStateException("smtp-sink did not start: " + Files.readString(dir.resolve("sink.log")));
    }

    /** Starts on a given port, e.g. to replace a sink that just stopped (a server that comes back). */
    public static SmtpSinkServer startOn(int port, String... extraOptions) throws IOException, InterruptedException {
        Path dir = prepare();
        SmtpSinkServer sink = launch(dir, port, extraOptions);
        if (sink == null) throw new IllegalStateException("smtp-sink did not start on port " + port + ": " + Files.readString(dir.resolve("sink.log")));
        return sink;
    }

    private static Path prepare() throws IOException {
        if (!Files.isExecutable(Path.of(SMTP_SINK))) {
            throw new IllegalStateException("postfix's smtp-sink is not installed (Debian postfix; bin/test installs it as root)");
        }
        Path dir = Files.createTempDirectory("mf-smtpsink");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createDirectories(dir.resolve("mail"));
        Files.setPosixFilePermissions(dir.resolve("mail"), PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    private static SmtpSinkServer launch(Path dir, int port, String... extraOptions) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(SMTP_SINK));
        if ("root".equals(System.getProperty("user.name"))) cmd.addAll(List.of("-u", "nobody"));
        cmd.addAll(List.of("-d", dir.resolve("mail") + "/%H%M%S.", "-h", "sink.test"));
        cmd.addAll(List.of(extraOptions));
        cmd.addAll(List.of("127.0.0.1:" + port, "20"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("sink.log").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 300);
                SmtpSinkServer sink = new SmtpSinkServer(dir, p, port);
                Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
                return sink;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        return null;
    }

    public int port() { return port; }

    public String address() { return "127.0.0.1:" + port; }

    /** Every transaction dumped so far (order not guaranteed); a dump smtp-sink has only begun is left out. */
    public List<Received> received() throws IOException {
        List<Received> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir.resolve("mail"))) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                Received r = parse(Files.readAllBytes(f));
                if (r.message().length > 0) out.add(r); // an empty one is still being written by smtp-sink
            }
        }
        return out;
    }

    /** Splits smtp-sink's X-Client-*, X-Mail-Args, X-Rcpt-Args lines and its own Received header from the message. */
    static Received parse(byte[] dump) {
        int pos = 0;
        String from = null;
        List<String> rcpts = new ArrayList<>();
        while (pos < dump.length) {
            int nl = indexOf(dump, (byte) '\n', pos);
            String line = new String(dump, pos, nl - pos, StandardCharsets.ISO_8859_1);
            if (line.startsWith("X-Mail-Args: ")) from = line.substring(13).split(" ")[0];
            else if (line.startsWith("X-Rcpt-Args: ")) rcpts.add(line.substring(13).split(" ")[0]);
            else if (!line.startsWith("X-Client-") && !line.startsWith("X-Helo-Args")) break;
            pos = nl + 1;
        }
        // smtp-sink's Received: header and its continuation lines
        if (new String(dump, pos, Math.min(9, dump.length - pos), StandardCharsets.ISO_8859_1).equals("Received:")) {
            do {
                pos = indexOf(dump, (byte) '\n', pos) + 1;
            } while (pos < dump.length && (dump[pos] == ' ' || dump[pos] == '\t'));
        }
        return new Received(from, rcpts, java.util.Arrays.copyOfRange(dump, pos, dump.length));
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == c) return i;
        return b.length;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp folder stays
        }
    }
}
