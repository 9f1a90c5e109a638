package org.mailferry.app;

import java.io.IOException;
import org.mailferry.cli.CliClient;
import picocli.CommandLine.Option;

/**
 * The options every command that talks to a running server over the CLI shares ({@code --host --port --user
 * --password}), with the local server's defaults.
 */
public final class CliConnection {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default 127.0.0.1).")
    String host;
    @Option(names = "--port", description = "CLI port (default 106 as root, else 10106, as the server's defaults).")
    Integer port;
    @Option(names = "--user", defaultValue = "postmaster", description = "Login name (default postmaster).")
    String user;
    @Option(names = "--password", description = "Password (default: the MAILFERRY_PASSWORD environment variable).")
    String password;
    @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for each reply (default 60).")
    int timeoutSeconds;
    @Option(names = "--apop", description = "Log in with APOP, so the password does not cross the network (the "
            + "server must store this account's password in clear).")
    boolean apop;

    /** The port to use: the one given, else the server's default for this user (root: 106, else 10106). */
    public int port() {
        return port != null ? port : ("root".equals(System.getProperty("user.name")) ? 106 : 10106);
    }

    /** Connects and logs in; the message of the exception says where and why it failed. */
    public CliClient connect() throws IOException {
        String pw = password != null ? password : System.getenv("MAILFERRY_PASSWORD");
        if (pw == null) {
            throw new IOException("give --password or set MAILFERRY_PASSWORD");
        }
        try {
            return CliClient.connect(host, port(), user, pw, timeoutSeconds * 1000, apop);
        } catch (IOException e) {
            throw new IOException(host + ":" + port() + ": " + e.getMessage(), e);
        }
    }
}
