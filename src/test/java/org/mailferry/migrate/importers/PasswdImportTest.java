package org.mailferry.migrate.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code mailferry import passwd}: a passwd/shadow pair made by useradd, chpasswd and usermod (shadow-utils) in a
 * private copy of this machine's /etc (--prefix / --root), imported into a real server; every user logs in with
 * the password chpasswd set. And --use-os-password with a real OS user (made and removed here): the server asks the
 * OS, so a password changed later with chpasswd works at once.
 */
class PasswdImportTest extends WithServer {

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Test
    void usersMadeByUseraddAndChpasswdLogInWithTheirPasswords() throws Exception {
        assumeTrue(root(), "useradd/chpasswd need root; CI runs as root");
        Path prefix = dir.resolve("sys");
        Files.createDirectories(prefix.resolve("etc"));
        for (String f : List.of("passwd", "group", "shadow", "gshadow", "login.defs")) {
            if (Files.exists(Path.of("/etc", f))) {
                Files.copy(Path.of("/etc", f), prefix.resolve("etc").resolve(f));
            }
        }
        int base = freeUidRange(prefix.resolve("etc/passwd"));
        String p = "mfp" + (1000 + new Random().nextInt(9000));
        record User(String name, String gecos, String shell, String method, String password) {
        }
        List<User> users = List.of(
                new User(p + "alice", "Alice Example,Room 1,,", "/bin/bash", "YESCRYPT", "alice's pässword"),
                new User(p + "bob", "& Builder", "/bin/sh", "SHA512", "bob pw"),
                new User(p + "carol", "", "/bin/bash", "MD5", "carol-pw"),
                new User(p + "dave", "Dave", "/bin/zsh", "DES", "dave-pw1"),
                new User(p + "erin", "Erin", "/bin/bash", "SHA256", "erin-pw"),
                new User(p + "fred", "Fred", "/bin/bash", null, null),
                new User(p + "gina", "Gina", "/usr/sbin/nologin", "SHA512", "gina-pw"));
        int uid = base;
        for (User u : users) {
            Tools.run("useradd", "--prefix", prefix.toString(), "-M", "-N", "-u", String.valueOf(uid++), "-c",
                    u.gecos(), "-s", u.shell(), u.name());
            if (u.method() != null) {
                Tools.runWithInput(u.name() + ":" + u.password() + "\n", "chpasswd", "--root", prefix.toString(),
                        "-c", u.method());
            }
        }
        Tools.run("usermod", "--prefix", prefix.toString(), "-L", p + "erin");
        Tools.run("useradd", "--prefix", prefix.toString(), "-M", "-N", "-u", String.valueOf(base - 1), "-s",
                "/bin/bash", p + "hank");
        String passwd = prefix.resolve("etc/passwd").toString();
        String shadow = prefix.resolve("etc/shadow").toString();
        String range = String.valueOf(base + 20);

        ImportServer.Run run = server.run("passwd", "--passwd", passwd, "--shadow", shadow, "--min-uid",
                String.valueOf(base), "--max-uid", range);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("created 6, updated 0, skipped 0, failed 0");
        for (User u : users.subList(0, 4)) {
            assertThat(server.verifies(u.name(), u.password())).as(u.name() + " " + u.method()).isTrue();
            assertThat(server.verifies(u.name(), "x" + u.password())).isFalse();
        }
        assertThat(run.lineOf("account " + p + "alice@example.test")).contains("Password (YESCRYPT)")
                .contains("RealName=\"Alice Example\"");
        assertThat(settings(p + "bob"))
                .containsEntry("RealName", p.substring(0, 1).toUpperCase() + p.substring(1) + "bob Builder");
        assertThat(run.lineOf("account " + p + "erin@example.test")).contains("[locked password (" + shadow + ":");
        assertThat(server.verifies(p + "erin", "erin-pw")).as("locked: no usable password").isFalse();
        assertThat(run.lineOf("account " + p + "fred@example.test")).contains("locked password");
        assertThat(run.out()).contains("left out 1 user without a login shell (--all-shells takes them): " + p
                + "gina (/usr/sbin/nologin)");
        assertThat(run.out()).containsPattern("left out \\d+ users whose UID is outside " + base + "-" + range
                + " \\(--min-uid, --max-uid\\): root, ");
        assertThat(server.cli("LISTACCOUNTS").toString()).doesNotContain(p + "gina", p + "hank", "daemon");

        ImportServer.Run again = server.run("passwd", "--passwd", passwd, "--shadow", shadow, "--min-uid",
                String.valueOf(base), "--max-uid", range, "--all-shells", "--update");
        assertThat(again.out()).contains("created 1, updated 0, skipped 6, failed 0");
        assertThat(server.verifies(p + "gina", "gina-pw")).isTrue();

        Path tab = dir.resolve("passwd.tab");
        ImportServer.Run toTab = server.run("passwd", "--passwd", passwd, "--shadow", shadow, "--min-uid",
                String.valueOf(base), "--max-uid", range, "--to-tab", tab.toString());
        assertThat(toTab.exit()).as(toTab.out()).isZero();
        assertThat(toTab.out()).contains("wrote 6 accounts to " + tab);
        assertThat(Files.readAllLines(tab).getFirst()).isEqualTo("Name\tUnixPassword\tRealName");
        ImportServer.Run fromTab = server.run("accounts", tab.toString(), "--domain", "passwd.test",
                "--create-domains");
        assertThat(fromTab.out()).contains("created 7, updated 0, skipped 0, failed 0");
        assertThat(server.verifies(p + "alice@passwd.test", "alice's pässword")).isTrue();
    }

    @Test
    void useOsPasswordAsksTheOsAtEachLogin() throws Exception {
        assumeTrue(root(), "useradd/chpasswd need root; CI runs as root");
        int uid = freeUidRange(Path.of("/etc/passwd"));
        String user = "mfimp" + (100000 + new Random().nextInt(900000));
        Tools.run("useradd", "-M", "-N", "-u", String.valueOf(uid), "-c", "Os User,,,", "-s", "/bin/bash", user);
        try {
            Tools.runWithInput(user + ":first-OS-pw\n", "chpasswd", "-c", "SHA512");
            ImportServer.Run run = server.run("passwd", "--use-os-password", "--min-uid", String.valueOf(uid),
                    "--max-uid", String.valueOf(uid));
            assertThat(run.exit()).as(run.out() + run.err()).isZero();
            assertThat(run.lineOf("account " + user + "@example.test")).contains("created",
                    "UseSysPassword=YES").doesNotContain("Password (");
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) server.cli("GETACCOUNTSETTINGS " + user);
            assertThat(s).containsEntry("UseSysPassword", "YES").containsEntry("RealName", "Os User")
                    .doesNotContainKey("Password");
            assertThat(server.verifies(user, "first-OS-pw")).isTrue();
            Tools.runWithInput(user + ":second-OS-pw\n", "chpasswd", "-c", "YESCRYPT");
            assertThat(server.verifies(user, "second-OS-pw")).as("the OS is asked at each login").isTrue();
            assertThat(server.verifies(user, "first-OS-pw")).isFalse();
        } finally {
            Tools.run("userdel", user);
        }
        assertThat(server.verifies(user, "second-OS-pw")).as("OS user removed").isFalse();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> settings(String account) throws IOException {
        return (Map<String, Object>) server.cli("GETACCOUNTSETTINGS " + account);
    }

    /** A UID with 40 free UIDs on each side in this passwd file, in 40000..59000. */
    private static int freeUidRange(Path passwd) throws IOException {
        Set<Long> used = new HashSet<>();
        for (String l : Files.readAllLines(passwd)) {
            String[] f = l.split(":");
            if (f.length > 2) {
                try {
                    used.add(Long.parseLong(f[2]));
                } catch (NumberFormatException ignored) {
                    // not a user line
                }
            }
        }
        Random r = new Random();
        while (true) {
            int base = 40000 + r.nextInt(19000);
            boolean free = true;
            for (long u = base - 40; u <= base + 40 && free; u++) {
                free = !used.contains(u);
            }
            if (free) {
                return base;
            }
        }
    }
}
