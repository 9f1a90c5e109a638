package org.mailferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** APOP login with the greeting's token: works for a clear stored password, refused for a one-way hash. */
class CliApopTest {
    @TempDir
    Path base;

    @Test
    void apopNeedsAClearPassword() throws Exception {
        try (CliTestServer server = new CliTestServer(base, TestCodecs.codec())) {
            try (CliClient c = server.client()) {
                c.command("CREATEACCOUNT hashed {Password=\"pw-1\";}"); // A-crpt by default
                c.command("CREATEACCOUNT plain {PasswordEncryption=clear; Password=\"pw-2\";}");
            }
            try (CliClient c = CliClient.connect("127.0.0.1", server.port(), "plain", "pw-2", 10_000, true)) {
                assertThat(c.command("GETACCOUNTALIASES *")).isEqualTo(java.util.List.of());
            }
            assertThatThrownBy(() -> CliClient.connect("127.0.0.1", server.port(), "plain", "pw-x", 10_000, true))
                    .isInstanceOf(CliClient.CliError.class).hasMessage("incorrect user name or password");
            assertThatThrownBy(() -> CliClient.connect("127.0.0.1", server.port(), "hashed", "pw-1", 10_000, true))
                    .isInstanceOf(CliClient.CliError.class).hasMessage("incorrect user name or password");
            try (CliClient c = CliClient.connect("127.0.0.1", server.port(), "hashed", "pw-1", 10_000, false)) {
                assertThat(c.command("GETACCOUNTALIASES *")).isEqualTo(java.util.List.of());
            }
        }
    }
}
