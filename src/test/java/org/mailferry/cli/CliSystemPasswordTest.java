package org.mailferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UseSysPassword through the CLI with a real OS user made by useradd + chpasswd (root only; CI runs as root),
 * and the optional re-hash of a legacy password at the next login.
 */
class CliSystemPasswordTest {
    @TempDir
    Path base;

    @Test
    void osPasswordVerifiesThroughTheCli() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "creating an OS user needs root");
        String user = "mfsys" + (System.nanoTime() % 100000);
        run("useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", user);
        try {
            run("sh", "-c", "echo '" + user + ":os-Secret-1' | chpasswd");
            try (CliTestServer server = new CliTestServer(base, TestCodecs.codec()); CliClient c = server.client()) {
                server.directory.setSystemPasswords(org.mailferry.auth.SystemPasswords.system()::verify);
                c.command("CREATEACCOUNT " + user + " {UseSysPassword=YES; UseAppPassword=NO;}");
                c.command("VERIFYACCOUNTPASSWORD " + user + " PASSWORD os-Secret-1");
                assertThatThrownBy(() -> c.command("VERIFYACCOUNTPASSWORD " + user + " PASSWORD os-Secret-2"))
                        .hasMessage("incorrect password");
                // the user logs in to the CLI with the OS password and may then change it into an own password
                try (CliClient u = CliClient.connect("127.0.0.1", server.port(), user, "os-Secret-1", 10_000)) {
                    assertThat(u.command("GETACCOUNTSETTINGS *")).isEqualTo(
                            Map.of("UseSysPassword", "YES", "UseAppPassword", "NO"));
                }
            }
        } finally {
            run("userdel", user);
        }
    }

    @Test
    void legacyHashIsReplacedAtLoginWhenTheServerSaysSo() throws Exception {
        try (CliTestServer server = new CliTestServer(base, TestCodecs.codec()); CliClient c = server.client()) {
            // mkpasswd -m descrypt -S As test-pw1
            c.command("CREATEACCOUNT old {Password=\"\\002AsCQIlj25zoG.\";}");
            c.command("VERIFYACCOUNTPASSWORD old PASSWORD test-pw1");
            assertThat(c.command("PASSWORDCENSUS")).isEqualTo(Map.of("DES-CRYPT", 1L, "clear", 1L));
            c.command("UPDATESERVERSETTINGS {RehashPasswordsOnLogin=YES;}");
            c.command("VERIFYACCOUNTPASSWORD old PASSWORD test-pw1");
            assertThat(c.command("PASSWORDCENSUS")).isEqualTo(Map.of("A-crpt", 1L, "clear", 1L));
            c.command("VERIFYACCOUNTPASSWORD old PASSWORD test-pw1");
        }
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
