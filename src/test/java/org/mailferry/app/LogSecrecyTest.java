package org.mailferry.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.mailferry.cli.CliClient;
import org.mailferry.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With logging at DEBUG, no password and no AUTH payload reaches the server's log, in success or failure. */
class LogSecrecyTest {
    @TempDir
    Path base;

    @Test
    void passwordsNeverReachTheLog() throws Exception {
        Path log = base.resolve("server.log");
        int port = ServerProcess.freePort();
        String plainAuth = Base64.getEncoder().encodeToString(
                "\u0000postmaster\u0000Wrong-Secret-77".getBytes(StandardCharsets.UTF_8));
        try (ServerProcess server = ServerProcess.start(base.resolve("data"), Map.of("cli", port), log)) {
            try (CliClient c = CliClient.connect("127.0.0.1", port, "postmaster", "secret", 10_000)) {
                c.command("CREATEACCOUNT u1 {Password=\"Clear-Secret-11\";}");
                c.command("SETACCOUNTPASSWORD u1 PASSWORD \"New-Secret-22\"");
                c.command("VERIFYACCOUNTPASSWORD u1 PASSWORD \"New-Secret-22\"");
                assertThatThrownBy(() -> c.command("VERIFYACCOUNTPASSWORD u1 PASSWORD \"Bad-Secret-33\""))
                        .hasMessage("incorrect password");
                assertThatThrownBy(() -> c.command("CREATEACCOUNT u2 {Password=\"\\002{NOPE}Hash-Secret-44\";}"))
                        .hasMessageContaining("cannot be stored");
            }
            assertThatThrownBy(() -> CliClient.connect("127.0.0.1", port, "u1", "Login-Secret-55", 10_000))
                    .isInstanceOf(CliClient.CliError.class);
            try (var s = new java.net.Socket("127.0.0.1", port)) {
                s.getOutputStream().write(("AUTH PLAIN " + plainAuth + "\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
                s.getInputStream().readAllBytes();
            }
            server.stop();
        }
        String text = Files.readString(log);
        assertThat(text).as("the log is written at DEBUG level").contains("logged in", "failed login");
        assertThat(text).doesNotContain("Secret-", "secret", plainAuth, "Hash-Secret");
    }
}
