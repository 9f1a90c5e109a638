package org.mailferry.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mailferry.migrate.importers.AccountList;
import org.mailferry.migrate.importers.AccountRows;
import org.mailferry.migrate.importers.AliasesFile;
import org.mailferry.migrate.importers.AliasesMapping;
import org.mailferry.migrate.importers.ImportOptions;
import org.mailferry.migrate.importers.Importer;
import org.mailferry.migrate.importers.InputException;
import org.mailferry.migrate.importers.LdifAccounts;
import org.mailferry.migrate.importers.PasswdFiles;
import org.mailferry.migrate.importers.TabWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mailferry import}: the importers. {@code accounts}, {@code passwd}, {@code ldif} and {@code aliases}
 * create accounts (with their passwords), aliases, forwarders, groups and rules on a running server over the CLI
 * (org.mailferry.migrate.importers, docs/importers.md); {@code mbox} and {@code maildir} copy old mail into an
 * account's folder (org.mailferry.store.tools). This class only parses options and wires them.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import accounts and their passwords, aliases and mail from an old system.",
                "accounts, passwd, ldif and aliases talk to a running server over the CLI (--host --port --user "
                        + "--password); mbox and maildir write into the base directory (--base)."},
        subcommands = {ImportCommand.Accounts.class, ImportCommand.Passwd.class, ImportCommand.Ldif.class,
                ImportCommand.Aliases.class,
                org.mailferry.store.tools.ImportCommand.Mbox.class,
                org.mailferry.store.tools.ImportCommand.Maildir.class})
public final class ImportCommand implements Runnable {
    static final String EXIT = "Exit status: 0 every entry worked (or was skipped as it should be); 1 some entries "
            + "failed; 2 the input cannot be read or an option is wrong; 3 the server cannot be reached or refuses "
            + "the login.";
    static final String COMMON = "Reruns are safe: what exists is reported (or, with --update, changed where it "
            + "differs). --dry-run shows entry by entry what would happen and writes nothing. A bad entry is "
            + "reported with file:line and the reason, and nothing of it is written; the others go on (with "
            + "--all-or-nothing nothing is written unless all can be). The report ends with 'created N, updated N, "
            + "skipped N, failed N'; --json prints it as JSON.";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The options every importer that talks to the server has. */
    static final class Flags {
        @Option(names = "--domain", paramLabel = "DOMAIN",
                description = "Domain for names without @domain (default: the server's main domain).")
        String domain;
        @Option(names = "--dry-run", description = "Show what would happen, entry by entry; write nothing.")
        boolean dryRun;
        @Option(names = "--update", description = "Change existing objects where they differ from the input "
                + "(default: report them and leave them).")
        boolean update;
        @Option(names = "--create-domains", description = "Create missing domains named by name@domain entries "
                + "(default: such entries fail).")
        boolean createDomains;
        @Option(names = "--all-or-nothing", description = "Write nothing unless every entry can be written; a "
                + "failure during the run undoes what was written.")
        boolean allOrNothing;
        @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
                description = "CLI connections used to create accounts (default 4, at most 64).")
        int parallel;
        @Option(names = "--json", description = "Print the report as one JSON object.")
        boolean json;
        @Option(names = "--quiet", description = "List only entries that failed, were not written or could not "
                + "be mapped; the summary always.")
        boolean quiet;

        ImportOptions options() {
            return new ImportOptions(domain, dryRun, update, createDomains, allOrNothing, parallel, json, quiet);
        }
    }

    /** Reads the input, then runs the import or writes it as an account list (--to-tab). */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        CliConnection connection;
        @Mixin
        Flags flags;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract Importer.Input read() throws IOException, InputException;

        /** Where to write the account list instead of importing (null: import). */
        Path toTab() {
            return null;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String me = spec.qualifiedName();
            ImportOptions opt;
            Importer.Input input;
            try {
                opt = flags.options();
                input = read();
            } catch (InputException | IllegalArgumentException e) {
                err.println(me + ": " + e.getMessage());
                return Importer.BAD_INPUT;
            } catch (IOException e) {
                err.println(me + ": cannot read the input: " + e.getMessage());
                return Importer.BAD_INPUT;
            }
            if (toTab() != null) {
                try {
                    return TabWriter.write(input, toTab(), out);
                } catch (IOException e) {
                    err.println(me + ": cannot write " + toTab() + ": " + e.getMessage());
                    return Importer.BAD_INPUT;
                }
            }
            try {
                return Importer.run(input, opt, connection::connect, out, err);
            } catch (IOException e) {
                err.println(me + ": " + e.getMessage());
                return Importer.NO_SERVER;
            }
        }
    }

    @Command(name = "accounts", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Create accounts from an account list file (CommuniGate Pro's Account Import format, "
                    + "the same file MoveAccounts reads): UTF-8 text whose first line names the fields, separated "
                    + "by tabs, then one account per line.",
                    "Fields (any case): Name (required); NewName (the name here instead; name@domain puts the "
                            + "account into that secondary domain); Password (clear; NewPassword wins when set); "
                            + "UnixPassword (an encrypted password: DES crypt, $1$, $5$, $6$, $2y$, $y$, {SHA}, "
                            + "{SSHA}, {MD5}, {crypt}, … stored as given with the \\002 prefix, so users log in with "
                            + "their old passwords); Aliases (comma-separated); any account setting (RealName, "
                            + "UseSysPassword, MaxAccountSize, Rules, …). Other fields are reported once and ignored.",
                    "", COMMON, "", EXIT})
    static final class Accounts extends Base {
        @Parameters(paramLabel = "FILE", description = "The account list.")
        Path file;

        @Override
        Importer.Input read() throws IOException, InputException {
            return AccountRows.read(AccountList.read(file));
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Create accounts for the regular users of a Unix passwd file, with their passwords "
                    + "from the shadow file (or, with --use-os-password, checked against this machine's OS "
                    + "password at each login).",
                    "Regular users: UID within --min-uid..--max-uid and a login shell (not nologin or false, "
                            + "unless --all-shells). The GECOS full name becomes RealName. Locked (!, *) and empty "
                            + "passwords are reported; such accounts get no usable password.",
                    "", COMMON, "", EXIT})
    static final class Passwd extends Base {
        @Option(names = "--passwd", paramLabel = "FILE", defaultValue = "/etc/passwd",
                description = "The passwd file (default /etc/passwd).")
        Path passwd;
        @Option(names = "--shadow", paramLabel = "FILE",
                description = "The shadow file (default /etc/shadow when the passwd file is /etc/passwd).")
        Path shadow;
        @Option(names = "--min-uid", paramLabel = "N", defaultValue = "1000",
                description = "Lowest UID imported (default 1000).")
        int minUid;
        @Option(names = "--max-uid", paramLabel = "N", defaultValue = "60000",
                description = "Highest UID imported (default 60000).")
        int maxUid;
        @Option(names = "--all-shells", description = "Also users whose shell is nologin or false.")
        boolean allShells;
        @Option(names = "--use-os-password", description = "Copy no hash: set UseSysPassword=YES so each login "
                + "is checked against the OS password of the user of the same name on the server's machine.")
        boolean useOsPassword;
        @Option(names = "--to-tab", paramLabel = "OUT",
                description = "Write an account list (for import accounts) instead of importing.")
        Path toTab;

        @Override
        Importer.Input read() throws IOException, InputException {
            Path sh = shadow != null ? shadow
                    : passwd.equals(Path.of("/etc/passwd")) && !useOsPassword ? Path.of("/etc/shadow") : null;
            return PasswdFiles.read(passwd, sh, new PasswdFiles.Options(minUid, maxUid, allShells, useOsPassword));
        }

        @Override
        Path toTab() {
            return toTab;
        }
    }

    @Command(name = "ldif", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Create the users and mail groups of an LDIF export of a Netscape/iPlanet/Sun Messaging "
                    + "Server directory (or any directory with the same attributes), read with the UnboundID LDAP "
                    + "SDK.",
                    "uid -> account; mail -> its domain (and an alias when its local part differs); "
                            + "mailAlternateAddress/mailEquivalentAddress -> aliases (forwarders when in another "
                            + "domain); cn -> RealName; userPassword ({SSHA}, {SHA}, {crypt}, …, or clear) else "
                            + "unixPassword -> the password, kept as it is; mailQuota -> MaxAccountSize; "
                            + "mailForwardingAddress -> a forwarding rule; mailDeliveryOption program -> an "
                            + "Execute rule; inetUserStatus deleted -> left out; groupOfNames/inetMailGroup entries "
                            + "with mail -> groups. Other mail attributes are named once.",
                    "--to-tab writes the accounts as an account list (for import accounts) instead.",
                    "", COMMON, "", EXIT})
    static final class Ldif extends Base {
        @Parameters(paramLabel = "FILE", description = "The LDIF file (ldapsearch -LLL, slapcat, db2ldif output).")
        Path file;
        @Option(names = "--map-domain", paramLabel = "OLD=NEW",
                description = "Use domain NEW here for the directory's mail domain OLD (repeatable).")
        Map<String, String> mapDomains = new LinkedHashMap<>();
        @Option(names = "--to-tab", paramLabel = "OUT",
                description = "Write an account list (for import accounts) instead of importing.")
        Path toTab;

        @Override
        Importer.Input read() throws IOException, InputException {
            Map<String, String> lower = new LinkedHashMap<>();
            mapDomains.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT)));
            return LdifAccounts.read(file, lower);
        }

        @Override
        Path toTab() {
            return toTab;
        }
    }

    @Command(name = "aliases", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Create what the entries of a sendmail/Postfix aliases file mean, in --domain (default "
                    + "the main domain), and report entry by entry what became what:",
                    "  one local account -> an account alias (also through other entries naming one account);",
                    "  one address elsewhere -> a forwarder; several targets or :include: lists -> a group;",
                    "  the name of an existing account -> a rule in its Rules (Mirror to / Redirect to);",
                    "  |program -> a rule with the Execute action (stored; it runs once the rules engine lands), in "
                            + "the account of that name, created without a password when missing;",
                    "  /file -> reported: no equivalent.",
                    "Continuation lines, # comments, quoted names and targets, \\name, owner-X and X-request are "
                            + "read as sendmail and Postfix read them. Import the accounts first.",
                    "", COMMON, "", EXIT})
    static final class Aliases extends Base {
        @Parameters(paramLabel = "FILE", description = "The aliases file, e.g. /etc/aliases.")
        Path file;
        @Option(names = "--local-domain", paramLabel = "DOMAIN",
                description = "Addresses in this domain are local names too (repeatable; localhost and the target "
                        + "domain always are).")
        List<String> localDomains = List.of();

        @Override
        Importer.Input read() throws IOException, InputException {
            AliasesFile.Parsed parsed = AliasesFile.read(file);
            Importer.ServerFacts facts = Importer.facts(connection::connect, flags.domain);
            Set<String> local = new java.util.HashSet<>(localDomains);
            local.add("localhost");
            local.add(flags.domain != null ? flags.domain : facts.mainDomain());
            return AliasesMapping.map(parsed, flags.domain, facts.accounts(), local);
        }
    }
}
