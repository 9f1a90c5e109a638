package org.mailferry.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServerOptionsTest {
    @Test
    void portOffsetShiftsDefaultsButNotExplicitPorts() throws Exception {
        ServerCommand cmd = new ServerCommand();
        new CommandLine(cmd).parseArgs("--port-offset", "20000", "--imap-port", "0", "--cli-port", "4106",
                "--domain", "example.test");
        ServerOptions o = cmd.options();
        assertThat(o.port("cli")).isEqualTo(4106);
        assertThat(o.port("smtp")).isEqualTo(20025);
        assertThat(o.port("imap")).isZero();
        assertThat(o.port("imaps")).isEqualTo(20993);
        assertThat(o.mainDomain()).isEqualTo("example.test");
    }

    @Test
    void rejectsPortOutOfRange() {
        assertThatThrownBy(() -> new ServerOptions(Path.of("x"), "d", null, InetAddress.getLoopbackAddress(),
                Map.of("smtp", 70000), null)).hasMessageContaining("--smtp-port 70000");
    }
}
