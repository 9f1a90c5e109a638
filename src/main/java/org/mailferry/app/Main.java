package org.mailferry.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mailferry} command: one entry point whose subcommands are the server and the admin tools.
 *
 * <p>Every subcommand is listed here by hand (no classpath scanning). Each subcommand's
 * {@code --help} tells its whole story; the README gathers them.
 */
@Command(name = "mailferry",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
                "Mailferry: a mail server modelled on CommuniGate Pro's migration chapter, and the tools that move "
                        + "an organisation's mail onto it.",
                "",
                "Run 'mailferry COMMAND --help' for the options of each command."},
        subcommands = {
                ServerCommand.class,
                CliCommand.class,
                PasswordsCommand.class,
                ImportCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
        System.exit(code);
    }
}
