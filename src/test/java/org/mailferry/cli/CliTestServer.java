package org.mailferry.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import org.mailferry.directory.AccountSettings;
import org.mailferry.directory.Directory;
import org.mailferry.directory.PasswordCodec;
import org.mailferry.net.Listener;

/** A directory in a temp folder with a postmaster (password "secret") and a CLI listener on a free loopback port. */
final class CliTestServer implements AutoCloseable {
    final Directory directory;
    final Listener listener;

    CliTestServer(Path base, PasswordCodec codec) throws IOException {
        directory = Directory.open(base, "example.test", codec);
        if (directory.mainDomain().findAccount("postmaster").isEmpty()) {
            directory.mainDomain().createAccount("postmaster", null, false,
                    Map.of(AccountSettings.PASSWORD, "secret", AccountSettings.PASSWORD_ENCRYPTION, "clear"));
        }
        listener = Listener.start("cli", InetAddress.getLoopbackAddress(), 0, Listener.Limits.DEFAULT,
                new CliServer(directory, 50));
    }

    int port() {
        return listener.localAddress().getPort();
    }

    CliClient client() throws IOException {
        return CliClient.connect("127.0.0.1", port(), "postmaster", "secret", 10_000);
    }

    @Override
    public void close() {
        listener.close();
        directory.close();
    }
}
