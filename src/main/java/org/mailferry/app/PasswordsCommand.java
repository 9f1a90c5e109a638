package org.mailferry.app;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mailferry.cli.CliClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mailferry passwords census}: how many accounts store their password in each scheme. */
@Command(name = "passwords", mixinStandardHelpOptions = true,
        description = "Password reports of a running server.",
        subcommands = PasswordsCommand.Census.class)
public final class PasswordsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "census", mixinStandardHelpOptions = true,
            description = {"Counts the accounts of every domain (or of --domain) by the scheme their stored password "
                    + "uses — clear, A-crpt, DES-CRYPT, MD5-CRYPT, SSHA, … — and prints one 'count scheme' line each, "
                    + "most used first, then the total. Weak legacy schemes left in the list are the accounts that "
                    + "have not logged in since the migration (see RehashPasswordsOnLogin in docs/passwords.md).",
                    "It asks the server with the CLI command PASSWORDCENSUS."})
    static final class Census implements Callable<Integer> {
        @Mixin
        CliConnection connection;
        @Option(names = "--domain", description = "Count one domain only.")
        String domain;

        @Override
        public Integer call() {
            try (CliClient c = connection.connect()) {
                Object r = c.command("PASSWORDCENSUS" + (domain == null ? "" : " " + domain));
                long total = 0;
                if (r instanceof Map<?, ?> m) {
                    var rows = m.entrySet().stream()
                            .sorted((a, b) -> Long.compare((Long) b.getValue(), (Long) a.getValue())).toList();
                    for (var e : rows) {
                        System.out.printf("%8d  %s%n", (Long) e.getValue(), e.getKey());
                        total += (Long) e.getValue();
                    }
                }
                System.out.printf("%8d  total%n", total);
                return 0;
            } catch (CliClient.CliError e) {
                System.err.println("mailferry passwords census: " + e.getMessage());
                return 1;
            } catch (IOException e) {
                System.err.println("mailferry passwords census: " + e.getMessage());
                return 2;
            }
        }
    }
}
