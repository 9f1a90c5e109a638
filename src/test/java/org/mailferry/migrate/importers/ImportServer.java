package org.mailferry.migrate.importers;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mailferry.app.ImportCommand;
import org.mailferry.auth.SystemPasswords;
import org.mailferry.cli.CliClient;
import org.mailferry.cli.CliServer;
import org.mailferry.directory.AccountSettings;
import org.mailferry.directory.Directory;
import org.mailferry.directory.StandardPasswordCodec;
import org.mailferry.net.Listener;
import picocli.CommandLine;

/**
 * The importers' test server: a real directory in a temp folder (main domain example.test, postmaster password
 * "secret", OS passwords from this machine's /etc/shadow) behind a real CLI listener on a free loopback port, in
 * this JVM (the pattern of cli.CliTestServer). {@link #run} runs {@code mailferry import ...} against it in process,
 * through picocli, capturing the report.
 */
final class ImportServer implements AutoCloseable {
    /** What one run of the command printed and returned. */
    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        /** The report line of an object (by "kind object" text), or a failure naming what was printed. */
        String lineOf(String kindAndObject) {
            return lines().stream().filter(l -> l.contains("  " + kindAndObject + "  ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no report line for " + kindAndObject + " in:\n" + out
                            + "\nstderr:\n" + err));
        }
    }

    final Directory directory;
    final Listener listener;

    ImportServer(Path base) throws IOException {
        directory = Directory.open(base, "example.test", StandardPasswordCodec.INSTANCE);
        directory.setSystemPasswords(SystemPasswords.system()::verify);
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
        return CliClient.connect("127.0.0.1", port(), "postmaster", "secret", 30_000);
    }

    /** One CLI command on a fresh connection. */
    Object cli(String command) throws IOException {
        try (CliClient c = client()) {
            return c.command(command);
        }
    }

    /** Whether VERIFYACCOUNTPASSWORD accepts the password. */
    boolean verifies(String account, String password) throws IOException {
        try {
            cli("VERIFYACCOUNTPASSWORD " + org.mailferry.data.DataFormat.print(account) + " PASSWORD "
                    + org.mailferry.data.DataFormat.print(password));
            return true;
        } catch (CliClient.CliError e) {
            return false;
        }
    }

    /** {@code mailferry import ARGS} against this server (connection options appended). */
    Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--port", String.valueOf(port()), "--password", "secret"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new ImportCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Override
    public void close() {
        listener.close();
        directory.close();
    }
}
