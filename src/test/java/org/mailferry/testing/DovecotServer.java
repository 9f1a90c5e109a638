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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A private Dovecot 2.3 instance for tests: generated config, passwd-file users, its own base_dir and
 * state_dir under a temp folder, IMAP and POP3 on ephemeral loopback ports, run in the foreground
 * ({@code dovecot -F}) and stopped by {@link #close()}. Reusable by every test that needs a real IMAP/POP3
 * peer (movers, protocol interop, store comparisons).
 *
 * <p>Layouts: {@link Layout#MAILDIR_DOT} (Maildir++, separator '.', personal namespace prefix "INBOX.",
 * the classic Courier form, with the listescape plugin so names may contain '/'), {@link Layout#MAILDIR_FS} (Maildir with LAYOUT=fs, separator '/', no prefix)
 * and {@link Layout#MBOX} (mbox files, separator '/'). Options: the ACL plugin (RFC 4314), an explicit
 * capability list (e.g. without UIDPLUS or LITERAL+), extra config lines (e.g. a quota with a maximum
 * message size). When run as root the mail
 * processes run as {@code nobody}; otherwise as the current user.
 *
 * <p>TLS only when given a certificate ({@link Builder#tls}); never listens on anything but 127.0.0.1 (and
 * another loopback address, {@link Builder#alsoListenOn}). Throws {@link IllegalStateException}
 * with the log tail when Dovecot does not come up.
 */
public final class DovecotServer implements AutoCloseable {
    public enum Layout {
        MAILDIR_DOT('.', "INBOX.", "maildir:~/Maildir\nmail_plugins = $mail_plugins listescape"),
        MAILDIR_FS('/', "", "maildir:~/Maildir:LAYOUT=fs"),
        MBOX('/', "", "mbox:~/mail:INBOX=~/mail/inbox");

        public final char separator;
        public final String prefix;
        final String location;

        Layout(char separator, String prefix, String location) {
            this.separator = separator;
            this.prefix = prefix;
            this.location = location;
        }
    }

    public static final String DOVECOT = Files.isExecutable(Path.of("/usr/sbin/dovecot")) ? "/usr/sbin/dovecot" : "dovecot";

    private final Builder b;
    private final Path dir;
    private Process process;
    private int imapPort, pop3Port, imapsPort, pop3sPort;

    private DovecotServer(Builder b, Path dir) {
        this.b = b;
        this.dir = dir;
    }

    public static Builder builder() { return new Builder(); }

    /** True when a Dovecot binary is installed (tests must not skip silently when it is not: they fail). */
    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/sbin/dovecot")) && Files.isDirectory(Path.of("/usr/lib/dovecot"));
    }

    public String host() { return "127.0.0.1"; }

    public int imapPort() { return imapPort; }

    public int pop3Port() { return pop3Port; }

    /** IMAPS (implicit TLS) port; 0 unless the builder was given {@link Builder#tls}. */
    public int imapsPort() { return imapsPort; }

    /** POP3S (implicit TLS) port; 0 unless the builder was given {@link Builder#tls}. */
    public int pop3sPort() { return pop3sPort; }

    public String imapsAddress() { return host() + ":" + imapsPort; }

    public String pop3sAddress() { return host() + ":" + pop3sPort; }

    /** "127.0.0.1:port", the movers' host[:port] form. */
    public String imapAddress() { return host() + ":" + imapPort; }

    public String pop3Address() { return host() + ":" + pop3Port; }

    public Layout layout() { return b.layout; }

    public char separator() { return b.layout.separator; }

    public String prefix() { return b.layout.prefix; }

    public Path dir() { return dir; }

    public Path home(String user) { return dir.resolve("home").resolve(user); }

    public String password(String user) { return b.users.get(user); }

    /** The last lines of Dovecot's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("dovecot.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void start() throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("state"));
        boolean root = "root".equals(System.getProperty("user.name"));
        String uid = root ? "65534" : run("id", "-u"), gid = root ? "65534" : run("id", "-g");
        StringBuilder users = new StringBuilder();
        for (Map.Entry<String, String> u : b.users.entrySet()) {
            Path home = home(u.getKey());
            Files.createDirectories(home);
            if (root) chownNobody(home);
            users.append(u.getKey()).append(":{PLAIN}").append(u.getValue()).append(':').append(uid).append(':').append(gid)
                    .append("::").append(home).append("::\n");
        }
        Files.writeString(dir.resolve("users"), users);
        if (b.oauth2Introspection != null) {
            Files.writeString(dir.resolve("oauth2.conf.ext"), "introspection_mode = post\nintrospection_url = " + b.oauth2Introspection
                    + "\nforce_introspection = yes\nusername_attribute = username\nactive_attribute = active\nactive_value = true\n");
        }
        IOException last = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            imapPort = freePort();
            pop3Port = freePort();
            if (b.certPem != null) {
                imapsPort = freePort();
                pop3sPort = freePort();
            }
            Files.writeString(dir.resolve("dovecot.conf"), config(root));
            Files.deleteIfExists(dir.resolve("dovecot.log"));
            process = new ProcessBuilder(DOVECOT, "-F", "-c", dir.resolve("dovecot.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("dovecot.out").toFile()).start();
            try {
                waitForPort(imapPort);
                if (b.pop3) waitForPort(pop3Port);
                if (imapsPort > 0) waitForPort(imapsPort);
                return;
            } catch (IOException e) {
                last = e;
                stopProcess();
            }
        }
        throw new IllegalStateException("Dovecot did not start: " + last.getMessage() + "\n" + logTail() + "\n"
                + Files.readString(dir.resolve("dovecot.out")));
    }

    private String config(boolean root) {
        String user = System.getProperty("user.name");
        StringBuilder c = new StringBuilder();
        c.append("base_dir = ").append(dir.resolve("run")).append('\n')
                .append("state_dir = ").append(dir.resolve("state")).append('\n')
                .append("instance_name = mailferry-test-").append(dir.getFileName()).append('\n')
                .append("protocols = imap").append(b.pop3 ? " pop3" : "").append('\n')
                .append("listen = ").append(b.addresses()).append('\n')
                .append("log_path = ").append(dir.resolve("dovecot.log")).append('\n')
                .append(b.certPem == null ? "ssl = no\n" : "ssl = yes\nssl_cert = <" + b.certPem + "\nssl_key = <" + b.keyPem + "\n")
                .append("disable_plaintext_auth = no\nauth_mechanisms = plain login\nauth_failure_delay = 0\n")
                .append("mail_location = ").append(b.layout.location).append('\n')
                .append("mail_fsync = never\nmail_max_userip_connections = 200\n")
                .append("first_valid_uid = 1\n")
                .append("pop3_uidl_format = %08Xu%08Xv\n");
        if (root) {
            c.append("default_internal_user = dovecot\ndefault_login_user = dovenull\n");
        } else {
            c.append("default_internal_user = ").append(user).append("\ndefault_login_user = ").append(user).append('\n');
        }
        if (b.capabilities != null) c.append("imap_capability = ").append(b.capabilities).append('\n');
        if (b.acl) {
            c.append("mail_plugins = $mail_plugins acl\nprotocol imap {\n  mail_plugins = $mail_plugins imap_acl\n}\n")
                    .append("plugin {\n  acl = vfile\n}\n");
        }
        if (b.oauth2Introspection != null) {
            c.append("auth_mechanisms = $auth_mechanisms xoauth2 oauthbearer\n")
                    .append("passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = ").append(dir.resolve("oauth2.conf.ext"))
                    .append("\n}\n");
        }
        c.append("passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ").append(dir.resolve("users"))
                .append("\n}\nuserdb {\n  driver = passwd-file\n  args = username_format=%u ").append(dir.resolve("users"))
                .append("\n}\n");
        c.append("namespace inbox {\n  inbox = yes\n  separator = ").append(b.layout.separator).append("\n  prefix = ")
                .append(b.layout.prefix).append('\n').append(b.mailboxes).append("}\n");
        c.append("service imap-login {\n  inet_listener imap {\n    address = ").append(b.addresses()).append("\n    port = ").append(imapPort)
                .append("\n  }\n  inet_listener imaps {\n    address = ").append(b.addresses()).append("\n    port = ").append(imapsPort).append("\n  }\n}\n");
        c.append("service pop3-login {\n  inet_listener pop3 {\n    address = ").append(b.addresses()).append("\n    port = ").append(pop3Port)
                .append("\n  }\n  inet_listener pop3s {\n    address = ").append(b.addresses()).append("\n    port = ").append(pop3sPort).append("\n  }\n}\n");
        c.append("service stats {\n  unix_listener stats-writer {\n    mode = 0666\n  }\n}\n");
        c.append("service anvil {\n  unix_listener anvil-auth-penalty {\n    mode = 0666\n  }\n}\n");
        c.append(b.extra);
        return c.toString();
    }

    private void waitForPort(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IOException("dovecot exited with " + process.exitValue());
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("port " + port + " did not open within 15 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return out;
    }

    /** Makes a path (and its subtree) owned by nobody, so that Dovecot's mail processes can write it when we are root. */
    public static void chownNobody(Path p) throws IOException {
        try {
            run("chown", "-R", "65534:65534", p.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private void stopProcess() {
        if (process == null) return;
        List<ProcessHandle> kids = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle k : kids) if (k.isAlive()) k.destroyForcibly();
        process = null;
    }

    @Override
    public void close() {
        stopProcess();
        if (!b.keep) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // temp folder stays
            }
        }
    }

    /** Configures and starts an instance. */
    public static final class Builder {
        private Layout layout = Layout.MAILDIR_FS;
        private final Map<String, String> users = new LinkedHashMap<>();
        private boolean acl, pop3 = true, keep;
        private String capabilities;
        private String extra = "";
        private Path certPem, keyPem;
        private String alsoOn;
        private String oauth2Introspection;
        private final StringBuilder mailboxes = new StringBuilder();

        /**
         * A mailbox of the inbox namespace with a special-use attribute (RFC 6154, e.g. {@code \\Sent}), created at
         * each user's first login when {@code autoCreate}.
         */
        public Builder specialUse(String mailbox, String attribute, boolean autoCreate) {
            mailboxes.append("  mailbox \"").append(mailbox).append("\" {\n    special_use = ").append(attribute)
                    .append(autoCreate ? "\n    auto = create" : "").append("\n  }\n");
            return this;
        }

        /**
         * Also accepts OAuth 2.0 access tokens (XOAUTH2, OAUTHBEARER) through an oauth2 passdb that asks
         * {@code introspectionUrl} (RFC 7662 style POST, JSON answer with {@code active} and {@code username}).
         */
        public Builder oauth2(String introspectionUrl) {
            if (!introspectionUrl.startsWith("http://127.")) throw new IllegalArgumentException("tests use loopback only: " + introspectionUrl);
            oauth2Introspection = introspectionUrl;
            return this;
        }

        public Builder layout(Layout l) { layout = l; return this; }

        public Builder user(String name, String password) {
            if (name.contains(":") || password.contains(":") || password.contains("\n")) {
                throw new IllegalArgumentException("passwd-file users cannot contain ':' or newlines");
            }
            users.put(name, password);
            return this;
        }

        public Builder acl(boolean on) { acl = on; return this; }

        public Builder pop3(boolean on) { pop3 = on; return this; }

        /** Replaces Dovecot's post-login capability list (e.g. to hide UIDPLUS or LITERAL+). */
        public Builder capabilities(String list) { capabilities = list; return this; }

        /**
         * ssl = yes with this PEM certificate and key: STARTTLS/STLS on the plain ports, and IMAPS and POP3S
         * listeners on their own ephemeral ports ({@link #imapsPort()}, {@link #pop3sPort()}).
         */
        public Builder tls(Path certPem, Path keyPem) {
            this.certPem = certPem.toAbsolutePath();
            this.keyPem = keyPem.toAbsolutePath();
            return this;
        }

        /**
         * Listens on another loopback address too (e.g. 127.0.0.2, same ports). Dovecot counts a client whose
         * address equals its own as secure: plaintext-login rules (ssl = required, LOGINDISABLED) apply to our
         * 127.0.0.1 client only on that other address, while 127.0.0.1 still takes plain LOGIN (to fill).
         */
        public Builder alsoListenOn(String loopback) {
            if (!loopback.startsWith("127.")) throw new IllegalArgumentException("tests listen on loopback only, not " + loopback);
            alsoOn = loopback;
            return this;
        }

        String addresses() { return alsoOn == null ? "127.0.0.1" : "127.0.0.1, " + alsoOn; }

        /** Extra lines appended to dovecot.conf. */
        public Builder extraConfig(String lines) { extra = extra + lines + "\n"; return this; }

        /** Keeps the temp folder after close (for debugging). */
        public Builder keep(boolean on) { keep = on; return this; }

        public DovecotServer start() throws IOException, InterruptedException {
            if (!installed()) {
                throw new IllegalStateException("Dovecot is not installed (Debian dovecot-imapd, dovecot-pop3d; bin/test installs them as root)");
            }
            Path dir = Files.createTempDirectory("mf-dovecot");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            DovecotServer s = new DovecotServer(this, dir);
            try {
                s.start();
            } catch (IOException | RuntimeException | InterruptedException e) {
                s.close();
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(s::stopProcess));
            return s;
        }
    }
}
