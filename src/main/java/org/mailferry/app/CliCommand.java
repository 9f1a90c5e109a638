package org.mailferry.app;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailferry cli}: sends CLI commands to a running server over the PWD protocol. */
@Command(name = "cli", mixinStandardHelpOptions = true,
        description = {"Sends one CLI command (the words given) or, without words, each line of standard input to "
                + "a Mailferry (or CommuniGate Pro) server over the PWD/CLI protocol, and prints the data returned.",
                "Exits 0 when every command succeeded; otherwise prints the server's error text on stderr and exits 1."})
public final class CliCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default 127.0.0.1).")
    String host;
    @Option(names = "--port", description = "CLI port (default 106 as root, else 10106).")
    Integer port;
    @Option(names = "--user", defaultValue = "postmaster", description = "Login name (default postmaster).")
    String user;
    @Option(names = "--password", description = "Password (default: $MAILFERRY_PASSWORD).")
    String password;
    @Parameters(paramLabel = "WORD", description = "The command and its arguments, e.g. LISTDOMAINS.")
    List<String> words = List.of();

    @Override
    public Integer call() {
        System.err.println("mailferry cli: not built yet");
        return 2;
    }
}
