package org.mailferry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.auth.scheme.LibCrypt;

/**
 * UseSysPassword: a real OS user made with useradd + chpasswd (as root, deleted afterwards), and the shadow rules
 * (locked, empty, expired, hash in /etc/passwd) on private copies of the files.
 */
class SystemPasswordsTest {

    @Test
    void realOsUserMadeWithUseraddAndChpasswd() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "SystemPasswordsTest needs root (useradd, chpasswd, /etc/shadow); CI runs as root");
        String user = "mfauth" + (100000 + new Random().nextInt(900000));
        run(List.of("useradd", "-M", "-N", "-s", "/usr/sbin/nologin", user), null);
        try {
            SystemPasswords sys = SystemPasswords.system();
            for (String method : List.of("YESCRYPT", "SHA512", "MD5", "DES")) {
                String pw = "Os-pässword-" + method.toLowerCase();
                run(List.of("chpasswd", "-c", method), user + ":" + pw + "\n");
                assertThat(sys.verify(user, pw)).as("%s password", method).isTrue();
                assertThat(sys.verify(user, "O5" + pw.substring(2))).as("%s wrong password", method).isFalse();
            }
            String pw = "Os-pässword-des";
            run(List.of("usermod", "-L", user), null);
            assertThat(sys.verify(user, pw)).as("locked account").isFalse();
            run(List.of("usermod", "-U", user), null);
            assertThat(sys.verify(user, pw)).as("unlocked account").isTrue();
            run(List.of("chage", "-E", "2000-01-01", user), null);
            assertThat(sys.verify(user, pw)).as("expired account").isFalse();
        } finally {
            run(List.of("userdel", user), null);
        }
        assertThat(SystemPasswords.system().verify(user, "x")).isFalse();
    }

    @Test
    void shadowRules(@TempDir Path dir) throws IOException {
        String hash = LibCrypt.system().crypt("pw".getBytes(StandardCharsets.UTF_8), "$6$rounds=1000$abcdefgh$")
                .orElseThrow();
        Path shadow = dir.resolve("shadow");
        Path passwd = dir.resolve("passwd");
        Files.writeString(shadow, String.join("\n",
                "ok:" + hash + ":19000:0:99999:7:::",
                "locked:!" + hash + ":19000:0:99999:7:::",
                "star:*:19000:0:99999:7:::",
                "empty::19000:0:99999:7:::",
                "expired:" + hash + ":19000:0:99999:7::19999:",
                "later:" + hash + ":19000:0:99999:7::20001:") + "\n");
        Files.writeString(passwd, "old:" + hash + ":1000:1000::/home/old:/bin/sh\nok:x:1001:1001::/:/bin/sh\n");
        Clock day20000 = Clock.fixed(Instant.ofEpochSecond(20000L * 86400 + 3600), ZoneOffset.UTC);
        SystemPasswords sys = new SystemPasswords(shadow, passwd, LibCrypt.system(), day20000);
        assertThat(sys.verify("ok", "pw")).isTrue();
        assertThat(sys.verify("ok", "pW")).isFalse();
        assertThat(sys.verify("locked", "pw")).isFalse();
        assertThat(sys.verify("star", "pw")).isFalse();
        assertThat(sys.verify("empty", "")).isFalse();
        assertThat(sys.verify("empty", "pw")).isFalse();
        assertThat(sys.verify("expired", "pw")).isFalse();
        assertThat(sys.verify("later", "pw")).isTrue();
        assertThat(sys.verify("old", "pw")).as("hash in /etc/passwd").isTrue();
        assertThat(sys.verify("nobody-here", "pw")).isFalse();
        assertThat(sys.verify("ok:x", "pw")).as("no field injection").isFalse();
        assertThat(sys.verify("", "pw")).isFalse();
        SystemPasswords noLib = new SystemPasswords(shadow, passwd, LibCrypt.load("libdoesnotexist.so.9"), day20000);
        assertThat(noLib.verify("ok", "pw")).isFalse();
    }

    private static void run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
    }
}
