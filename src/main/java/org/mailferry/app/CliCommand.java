package org.mailferry.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.mailferry.cli.CliClient;
import org.mailferry.data.DataFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailferry cli}: sends CLI commands to a running server over the PWD protocol. */
@Command(name = "cli", mixinStandardHelpOptions = true,
        description = {"Sends one CLI command (the words given, joined by spaces) or, without words, each line of "
                + "standard input to a Mailferry (or CommuniGate Pro) server over the PWD/CLI protocol, and prints "
                + "the data each command returns, in the CGP data format, one line per command. Lines of standard "
                + "input that are empty or start with # are skipped.",
                "",
                "Quote words for the shell as the CLI needs them, e.g.:",
                "  mailferry cli --password secret createaccount '\"test\"' '{Password=\"\\002AslUzT1JkPsocc\";}'",
                "  echo 'GETACCOUNTSETTINGS test' | mailferry cli --password secret",
                "The commands are listed in docs/cli.md.",
                "",
                "Exit status: 0 when every command succeeded; 1 when one failed (its error text goes to stderr; "
                + "with stdin, later lines still run); 2 when the server cannot be reached or the login fails."})
public final class CliCommand implements Callable<Integer> {
    @Mixin
    CliConnection connection;
    @Option(names = "--pretty", description = "Print dictionaries and arrays over several indented lines.")
    boolean pretty;
    @Parameters(paramLabel = "WORD", description = "The command and its parameters, e.g. LISTDOMAINS.")
    List<String> words = List.of();

    @Override
    public Integer call() throws IOException {
        CliClient client;
        try {
            client = connection.connect();
        } catch (IOException e) {
            System.err.println("mailferry cli: " + e.getMessage());
            return 2;
        }
        int status = 0;
        try (client) {
            if (!words.isEmpty()) {
                status = run(client, String.join(" ", words));
            } else {
                BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        status = Math.max(status, run(client, line));
                    }
                }
            }
        }
        return status;
    }

    private int run(CliClient client, String line) throws IOException {
        try {
            Object result = client.command(line);
            if (result != null) {
                System.out.print(pretty ? DataFormat.printPretty(result) : DataFormat.print(result) + "\n");
            }
            return 0;
        } catch (CliClient.CliError e) {
            System.err.println(e.code() + " " + e.getMessage());
            return 1;
        }
    }
}
