package org.mailferry.store.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailferry.directory.Layout;
import org.mailferry.store.AccountConfig;
import org.mailferry.store.AccountStore;
import org.mailferry.store.MailStore;
import org.mailferry.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mailferry import mbox|maildir}: copies mbox files or Maildir trees into an account, keeping flags,
 * keywords, internal dates and, into new or empty mailboxes, UIDs and UIDVALIDITY. Safe while the server runs:
 * the store takes the same locks. Prints one progress line per mailbox and a summary.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import mail into an account of the base directory.",
                "Flags (Status/X-Status/X-Keywords, Maildir info letters and dovecot-keywords), keywords and "
                        + "internal dates are kept. Safe while the server runs."},
        subcommands = {ImportCommand.Mbox.class, ImportCommand.Maildir.class})
public final class ImportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Options shared by both importers. */
    static class Target {
        @Option(names = "--base", required = true, description = "the base directory (BASE/Accounts, BASE/Domains)")
        Path base;

        @Option(names = "--account", required = true,
                description = "NAME or NAME@DOMAIN; without a domain, or with the main domain, the account is in "
                        + "BASE/Accounts, else in BASE/Domains/DOMAIN")
        String account;

        /** The account folder, checked to exist (it has account.settings). */
        Path folder() {
            Layout layout = new Layout(base);
            String name = account;
            String domain = null;
            int at = account.indexOf('@');
            if (at >= 0) {
                name = account.substring(0, at);
                domain = account.substring(at + 1);
            }
            if (name.isEmpty() || (domain != null && domain.isEmpty()) || name.contains("/") || name.startsWith(".")) {
                throw new CommandLine.ParameterException(new CommandLine(this), "bad account name: " + account);
            }
            boolean main = domain == null || domain.equalsIgnoreCase(mainDomain(layout));
            Path dir = layout.accountDir(domain == null ? "" : domain, main, name);
            if (!Files.isRegularFile(dir.resolve(Layout.ACCOUNT_SETTINGS))) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "no such account: " + account + " (no " + dir.resolve(Layout.ACCOUNT_SETTINGS) + ")");
            }
            return dir;
        }

        private static String mainDomain(Layout layout) {
            Path p = layout.settingsDir().resolve("Main.settings");
            try {
                Matcher m = Pattern.compile("DomainName\\s*=\\s*\"?([^\";}\\s]+)")
                        .matcher(Files.readString(p, StandardCharsets.UTF_8));
                return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
            } catch (IOException e) {
                return "";
            }
        }

        /** The account's store configuration as the server has it (type, Legacy INBOX, limits). */
        AccountConfig config(Path folder) throws IOException {
            String dir = folder.getFileName().toString();
            return AccountFiles.config(folder, dir.substring(0, dir.length() - Layout.ACCOUNT_EXT.length()));
        }
    }

    @Command(name = "mbox", mixinStandardHelpOptions = true,
            description = {"Import mbox files (mboxrd/mboxo, c-client/Dovecot X-UID and X-IMAPbase, Status, "
                    + "X-Status, X-Keywords) into one mailbox of an account.",
                    "Each FILE is locked (fcntl and dotlock) while it is read; it is not changed.",
                    "When the mailbox is new or empty it takes the file's UIDVALIDITY (X-IMAPbase) and every "
                            + "message its X-UID; else new UIDs. The state headers (Status, X-Status, X-Keywords, "
                            + "X-UID, X-IMAP, X-IMAPbase, Content-Length) are not stored with the messages.",
                    "The account's type, Legacy INBOX and limits are read from its settings, as the server "
                            + "has them; a message over a limit is skipped.",
                    "Exit status: 0 all imported, 1 some skipped, 2 bad usage."})
    public static final class Mbox implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--mailbox", defaultValue = "INBOX",
                description = "the target mailbox (created when missing); default INBOX")
        String mailbox;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "mbox files")
        List<Path> files;

        @Override
        public Integer call() throws Exception {
            Path folder = target.folder();
            Importer.Summary sum = new Importer.Summary();
            try (MailStore store = new MailStore()) {
                AccountStore acct = store.account(folder, target.config(folder));
                for (Path f : files) {
                    Importer.mbox(store, acct, f, mailbox, sum, System.out);
                }
            } catch (StoreException e) {
                System.err.println("import failed: " + e.getMessage());
                return 1;
            }
            sum.print(System.out);
            return sum.skipped == 0 ? 0 : 1;
        }
    }

    @Command(name = "maildir", mixinStandardHelpOptions = true,
            description = {"Import a Maildir or Maildir++ tree (Dovecot, Courier, mutt) into an account: "
                    + "DIR itself goes to --mailbox (INBOX), each .A.B subfolder to mailbox A/B.",
                    "Flags come from the ':2,' info letters (S seen, R answered, F flagged, T deleted, D draft) "
                            + "and dovecot-keywords (letters a-z); the internal date is the file's mtime.",
                    "A mailbox that is new or empty takes the UIDVALIDITY and UIDs of dovecot-uidlist or "
                            + "courierimapuiddb (messages not listed there get the next UIDs); else new UIDs.",
                    "Exit status: 0 all imported, 1 some skipped, 2 bad usage."})
    public static final class Maildir implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--mailbox", defaultValue = "INBOX", description = "where DIR's own messages go")
        String mailbox;

        @Parameters(arity = "1", paramLabel = "DIR", description = "the Maildir (with cur/ new/ tmp/)")
        Path dir;

        @Override
        public Integer call() throws Exception {
            Path folder = target.folder();
            Importer.Summary sum = new Importer.Summary();
            try (MailStore store = new MailStore()) {
                AccountStore acct = store.account(folder, target.config(folder));
                Importer.maildirTree(acct, dir, mailbox, sum, System.out);
            } catch (StoreException e) {
                System.err.println("import failed: " + e.getMessage());
                return 1;
            }
            sum.print(System.out);
            return sum.skipped == 0 ? 0 : 1;
        }
    }

    static void unused(PrintStream p) {
    }
}
