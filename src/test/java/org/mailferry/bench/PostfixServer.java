package org.mailferry.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private Postfix (Debian package) for benchmarks: its own config, queue and data directories under a temp
 * folder, smtpd on a loopback port, and every recipient of {@code example.test} delivered by the virtual agent
 * into one mbox file ({@code vmail/inbox}). Postfix's defaults for durability are kept (queue files and
 * mailbox deliveries are fsync'ed). Needs root (Postfix's master). Stopped by {@link #close()}.
 */
final class PostfixServer implements AutoCloseable {
    final Path dir;
    final int port;

    private PostfixServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        // postfix writes its errors to syslog or a terminal: script(1) gives it one so they reach our output
        Process p = new ProcessBuilder("script", "-qc", String.join(" ", cmd), "/dev/null")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    static PostfixServer start() throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the Postfix comparison needs root (Postfix's master)");
        }
        Path dir = Files.createTempDirectory("mf-postfix");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String d : List.of("conf", "queue", "data", "vmail")) {
            Files.createDirectories(dir.resolve(d));
        }
        run(dir, "chown", "postfix", dir.resolve("data").toString());
        run(dir, "chown", "65534:65534", dir.resolve("vmail").toString());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("conf/main.cf"), """
                compatibility_level = 3.6
                queue_directory = %1$s/queue
                data_directory = %1$s/data
                command_directory = /usr/sbin
                daemon_directory = /usr/lib/postfix/sbin
                shlib_directory = /usr/lib/postfix
                mail_owner = postfix
                setgid_group = postdrop
                myhostname = postfix.bench.test
                mydomain = bench.test
                mydestination =
                inet_interfaces = 127.0.0.1
                inet_protocols = ipv4
                mynetworks = 127.0.0.0/8
                maillog_file = %1$s/maillog
                maillog_file_prefixes = %1$s
                virtual_mailbox_domains = example.test
                virtual_mailbox_base = %1$s/vmail
                virtual_mailbox_maps = static:inbox
                virtual_uid_maps = static:65534
                virtual_gid_maps = static:65534
                virtual_minimum_uid = 100
                virtual_mailbox_limit = 0
                message_size_limit = 52428800
                smtpd_recipient_restrictions = permit_mynetworks, reject
                biff = no
                """.formatted(dir));
        String master = Files.readString(Path.of("/etc/postfix/master.cf"))
                .replaceFirst("(?m)^smtp\\s+inet.*$", "127.0.0.1:" + port + " inet n - n - - smtpd");
        Files.writeString(dir.resolve("conf/master.cf"), master);
        run(dir, "/usr/lib/postfix/sbin/post-install", "config_directory=" + dir.resolve("conf"),
                "queue_directory=" + dir.resolve("queue"), "data_directory=" + dir.resolve("data"),
                "command_directory=/usr/sbin", "daemon_directory=/usr/lib/postfix/sbin", "meta_directory=/etc/postfix",
                "shlib_directory=/usr/lib/postfix", "create-missing");
        run(dir, "postfix", "-c", dir.resolve("conf").toString(), "start");
        PostfixServer p = new PostfixServer(dir, port);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    p.close();
                    throw new IOException("postfix did not start; maillog: " + p.maillog());
                }
                Thread.sleep(100);
            }
        }
        return p;
    }

    String maillog() {
        try {
            return Files.readString(dir.resolve("maillog"));
        } catch (IOException e) {
            return "(no maillog)";
        }
    }

    /** Messages delivered into the mailbox so far (From_ lines). */
    long delivered() throws IOException {
        Path box = dir.resolve("vmail/inbox");
        if (!Files.exists(box)) {
            return 0;
        }
        try (var lines = Files.lines(box, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.startsWith("From ")).count();
        }
    }

    @Override
    public void close() {
        try {
            run(dir, "postfix", "-c", dir.resolve("conf").toString(), "stop");
        } catch (IOException | InterruptedException e) {
            System.err.println("stopping postfix: " + e.getMessage());
        }
    }
}
