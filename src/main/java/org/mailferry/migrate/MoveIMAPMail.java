package org.mailferry.migrate;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.mailferry.net.client.ClientSasl;
import org.mailferry.net.client.ClientTls;
import org.mailferry.net.client.TlsMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * MoveIMAPMail (seed: "Copying Mailboxes from Other IMAP Servers"): the command line, with every flag of
 * the seed plus Mailferry's extras; the work is done by {@link ImapMove}. Usable in-process through
 * {@link #run} (MoveAccounts, tests).
 */
@Command(name = "MoveIMAPMail", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {
                "Copies all mailboxes of an account from one IMAP server to another: creates the missing mailboxes,",
                "copies every message with its flags, keywords and INTERNALDATE, the subscriptions, and the ACLs when",
                "both servers support ACL. Servers are host[:port] (default port 143).",
                "",
                "Mailbox names: the source's namespace prefix (e.g. INBOX.) is removed and the target's added, levels",
                "are re-joined with the target's separator, a level containing the target's separator gets '_' instead,",
                "and a level ending in .mbox or .mdir ends in -mbox or -mdir.",
                "",
                "Reruns are exact: a journal per account (see --journal) records each copied message by source",
                "UIDVALIDITY and UID with its SHA-256, so a rerun after any interruption (even kill -9) copies only",
                "what is missing, never a duplicate; it also gives the copies the flags their originals have now",
                "(the final pass before a cut-over), and a folder unchanged since its last complete copy costs one",
                "STATUS. A message the target refuses is retried (without keywords; with",
                "--fixLongLines treatment when given) and otherwise listed with the server's reason.",
                "",
                "TLS: by default each side uses implicit TLS on port 993, STARTTLS when the server offers it, and plain",
                "IMAP only when it offers neither. In that automatic mode a certificate that does not verify gives a",
                "warning (the connection is encrypted, the server not authenticated); --source-tls/--target-tls starttls",
                "or implicit require a verified certificate (trust more with --ca-file;",
                "--source-insecure/--target-insecure accept any). Passwords never appear in the output. A temporary",
                "refusal ([THROTTLED], [UNAVAILABLE], [INUSE], a login refused with [LIMIT]) is retried after 1, 2, 4 ...",
                "seconds (--retries, --retry-wait).",
                "",
                "Exit codes: 0 ok; 111 finished with errors (each listed); 112 --verify found differences;",
                "101/102 cannot connect to the source/target; 161/162 login failed on the source/target;",
                "2 usage; 1 internal error or the account's journal is in use.",
                "",
                "Sample: MoveIMAPMail --list \"Mail/*\" 192.0.0.4 john \"jps#dhj\" 192.0.1.5 johnNew dummy"})
public final class MoveIMAPMail implements Callable<Integer> {
    @Option(names = "--verbose", description = "Print progress to standard output.")
    boolean verbose;
    @Option(names = "--list", paramLabel = "search", description = "LIST pattern for the source mailboxes (default \"*\").")
    String list;
    @Option(names = "--source", paramLabel = "prefix",
            description = "LIST reference on the source; removed from the names that start with it (--source abc/ copies abc/mail1 as mail1).")
    String source;
    @Option(names = "--target", paramLabel = "prefix", description = "Put in front of every name on the target (e.g. '~username/').")
    String target;
    @Option(names = "--skipMailbox", paramLabel = "mailboxName", description = "Do not copy this mailbox; repeatable.")
    List<String> skipMailbox = new ArrayList<>();
    @Option(names = "--notimeout", description = "Raise the IMAP time-out from 20 seconds to 1 hour.")
    boolean notimeout;
    @Option(names = "--delete", description = "Delete the copied messages from the source account.")
    boolean delete;
    @Option(names = "--nosubscription", description = "Do not copy the subscription list.")
    boolean nosubscription;
    @Option(names = "--subscribed", description = "Copy only the mailboxes the source lists as subscribed (and INBOX).")
    boolean subscribed;
    @Option(names = "--fetchRFC822", description = "Fetch with RFC822.PEEK instead of BODY.PEEK[] (for very old servers).")
    boolean fetchRFC822;
    @Option(names = "--byOne", description = "Fetch messages one by one instead of in batches.")
    boolean byOne;
    @Option(names = "--noKeepUIDs",
            description = "When the target is Mailferry (capability X-MAILFERRY-UIDS), do not give new or empty target mailboxes the source's UIDVALIDITY and UIDs (kept by default, so IMAP clients need not download everything again).")
    boolean noKeepUIDs;
    @Option(names = "--noACL", description = "Do not copy mailbox ACLs.")
    boolean noACL;
    @Option(names = "--copyMailboxClass",
            description = "Copy CommuniGate Pro mailbox classes; accepted for compatibility: standard IMAP servers have none, so it does nothing yet.")
    boolean copyMailboxClass;
    @Option(names = "--fixLongLines", paramLabel = "number",
            description = "Split lines longer than number bytes (headers folded, body lines broken), also CRLF line ends and no NUL bytes.")
    int fixLongLines;
    @Option(names = "--journal", paramLabel = "DIR",
            description = "Directory of the per-account journals (default $MAILFERRY_JOURNAL or ~/.mailferry/journal).")
    Path journalDir;
    @Option(names = "--connections", paramLabel = "N", defaultValue = "4",
            description = "Folders copied at once, each over its own pair of connections, biggest folders first (default 4).")
    int connections;
    @Option(names = "--verify", description = "After copying, compare source and target (counts, bytes, content hashes, flags, dates).")
    boolean verify;
    @Option(names = "--dry-run", description = "Copy nothing; print per folder its target name, messages and bytes, whether the target "
            + "folder is new, and the messages over the target's APPENDLIMIT, which it would refuse.")
    boolean dryRun;
    @Option(names = "--report", paramLabel = "FILE", description = "Also write the account report as JSON to FILE.")
    Path reportFile;
    @Option(names = "--source-tls", paramLabel = "MODE", defaultValue = "auto",
            description = "TLS to the source: auto (default: implicit TLS on port 993, else STARTTLS when the server offers it, else plain), "
                    + "none, starttls (required, certificate verified) or implicit (IMAPS, certificate verified).")
    String sourceTls;
    @Option(names = "--target-tls", paramLabel = "MODE", defaultValue = "auto", description = "TLS to the target; as --source-tls.")
    String targetTls;
    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Also trust the certificates in this PEM file (a server's self-signed certificate or a private CA), on both sides.")
    Path caFile;
    @Option(names = "--source-insecure", description = "Accept any certificate and any name from the source (not verified at all).")
    boolean sourceInsecure;
    @Option(names = "--target-insecure", description = "Accept any certificate and any name from the target.")
    boolean targetInsecure;
    @Option(names = "--source-auth", paramLabel = "MECH", defaultValue = "auto",
            description = "Login method on the source: auto (default: LOGIN; when the server says LOGINDISABLED, the first of PLAIN, LOGIN, "
                    + "SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5 it offers) or a SASL mechanism to use with AUTHENTICATE: plain, login, "
                    + "scram-sha-256, scram-sha-1 (the password never crosses the wire; the server must prove it knows it), cram-md5, "
                    + "or, with an OAuth 2.0 access token as the password (Gmail, Microsoft 365), oauthbearer or xoauth2.")
    String sourceAuth;
    @Option(names = "--target-auth", paramLabel = "MECH", defaultValue = "auto", description = "Login method on the target; as --source-auth.")
    String targetAuth;
    @Option(names = "--maxsize", paramLabel = "bytes",
            description = "Copy only messages of at most this many bytes (RFC822.SIZE); the others are counted as excluded, not as errors.")
    long maxSize;
    @Option(names = "--maxage", paramLabel = "days",
            description = "Copy only messages that arrived (INTERNALDATE) in the last this many days: a staged move copies recent mail first.")
    int maxAge;
    @Option(names = "--minage", paramLabel = "days", description = "Copy only messages that arrived more than this many days ago.")
    int minAge;
    @Option(names = "--exclude", paramLabel = "REGEX",
            description = "Do not copy the folders whose name (as the source lists it, decoded, e.g. INBOX.Public.Shared) contains a match "
                    + "of this regular expression; repeatable.")
    List<String> exclude = new ArrayList<>();
    @Option(names = "--map", paramLabel = "source=target",
            description = "Copy the source folder of this name (as the source lists it, decoded) into the target folder of that name (the "
                    + "target's full name, with its separator and prefix), whatever the other rules say; repeatable.")
    List<String> maps = new ArrayList<>();
    @Option(names = "--automap",
            description = "Copy the source's special folders into the target's (sent, drafts, deleted, junk, archive: RFC 6154 attributes, "
                    + "else well-known names such as \"Sent Items\" or \"Gelöschte Objekte\"), e.g. \"Sent Items\" into \"Sent\", so that mail "
                    + "clients find them; without it every folder keeps its own name.")
    boolean automap;
    @Option(names = "--source-pop", paramLabel = "host[:port]",
            description = "The old server's POP3 (default port 110; TLS as --source-tls, same name and password): when the target is "
                    + "Mailferry, each INBOX message copied keeps the UIDL it has there, whatever its form, so POP clients do not fetch "
                    + "it again. POP and IMAP messages are matched by their header. Only messages copied by this run get one.")
    String sourcePop;
    @Option(names = "--target-pop", paramLabel = "host[:port]",
            description = "The new server's POP3 (default port 110; TLS as --target-tls): with --verify and --source-pop, check that every "
                    + "UIDL the old server shows is shown by the new one, so POP clients will fetch nothing again after the cut-over.")
    String targetPop;
    @Option(names = "--source-token-file", paramLabel = "FILE",
            description = "Log in to the source with the OAuth 2.0 access token in FILE (OAUTHBEARER, or XOAUTH2 with --source-auth xoauth2), "
                    + "read again at every login, so that a helper refreshing the file keeps a long move going; oldPassword is then not used.")
    Path sourceTokenFile;
    @Option(names = "--target-token-file", paramLabel = "FILE", description = "The same for the target; newPassword is then not used.")
    Path targetTokenFile;
    @Option(names = "--source-oauth2", paramLabel = "FILE",
            description = "Get the source's OAuth 2.0 access tokens with the refresh-token grant (RFC 6749): FILE is a properties file with "
                    + "token_url (https), client_id, client_secret (if any), scope (if the provider wants one) and refresh_token. A token "
                    + "is asked for again a minute before it expires; a rotated refresh_token is written back to FILE. oldPassword is then "
                    + "not used.")
    Path sourceOAuth2;
    @Option(names = "--target-oauth2", paramLabel = "FILE", description = "The same for the target; newPassword is then not used.")
    Path targetOAuth2;
    @Option(names = "--retries", paramLabel = "N", defaultValue = "6",
            description = "Retries after a temporary refusal ([THROTTLED], [UNAVAILABLE], [INUSE]; [LIMIT] at login) before it counts as a failure (default 6).")
    int retries;
    @Option(names = "--retry-wait", paramLabel = "MS", defaultValue = "1000",
            description = "First wait before such a retry, in milliseconds; doubled for each further retry, at most 60 s (default 1000: 1, 2, 4 ... 32 s).")
    long retryWait;

    @Parameters(index = "0", paramLabel = "OldServer", description = "Source IMAP server, host[:port].") String oldServer;
    @Parameters(index = "1", paramLabel = "oldName", description = "Login name on the source.") String oldName;
    @Parameters(index = "2", paramLabel = "oldPassword", description = "Password on the source.") String oldPassword;
    @Parameters(index = "3", paramLabel = "NewServer", description = "Target IMAP server, host[:port].") String newServer;
    @Parameters(index = "4", paramLabel = "newName", description = "Login name on the target.") String newName;
    @Parameters(index = "5", paramLabel = "newPassword", description = "Password on the target.") String newPassword;

    PrintStream out = System.out, err = System.err;
    Semaphore sourceSlots;
    AccountReport report;

    public static void main(String[] args) { System.exit(run(args, System.out, System.err, null, null)); }

    /** Runs in-process; {@code sourceSlots} caps connections to the source host (null = no cap). */
    public static int run(String[] args, PrintStream out, PrintStream err, Semaphore sourceSlots, Consumer<AccountReport> reportSink) {
        MoveIMAPMail m = new MoveIMAPMail();
        m.out = out;
        m.err = err;
        m.sourceSlots = sourceSlots;
        int code = new CommandLine(m).setOut(new java.io.PrintWriter(out, true)).setErr(new java.io.PrintWriter(err, true)).execute(args);
        if (reportSink != null && m.report != null) reportSink.accept(m.report);
        return code;
    }

    /** The login method of a side: --*-auth, which with a token source must be auto (then OAUTHBEARER) or a token mechanism. */
    static String tokenAuth(String auth, Path tokenFile, Path oauth2, String side) {
        String a = ClientSasl.option(auth, side + "-auth");
        if (tokenFile == null && oauth2 == null) return a;
        if (a.equals("AUTO")) return "OAUTHBEARER";
        if (!ClientSasl.TOKEN_MECHANISMS.contains(a)) {
            throw new IllegalArgumentException((tokenFile != null ? side + "-token-file" : side + "-oauth2") + " gives an OAuth 2.0 token: " + side
                    + "-auth must be oauthbearer or xoauth2, not " + auth);
        }
        return a;
    }

    static List<java.util.regex.Pattern> excludes(List<String> regexes) {
        List<java.util.regex.Pattern> out = new ArrayList<>();
        for (String r : regexes) {
            try {
                out.add(java.util.regex.Pattern.compile(r));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("--exclude '" + r + "': not a regular expression: " + e.getDescription());
            }
        }
        return List.copyOf(out);
    }

    static java.util.Map<String, String> folderMap(List<String> maps) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String m : maps) {
            int eq = m.indexOf('=');
            if (eq <= 0 || eq == m.length() - 1) throw new IllegalArgumentException("--map '" + m + "': expected source=target");
            if (out.put(m.substring(0, eq), m.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("--map: " + m.substring(0, eq) + " is mapped twice");
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** A side's access tokens: from --*-token-file, from the --*-oauth2 refresh grant, or none (a password). */
    static org.mailferry.net.client.AccessTokens tokens(Path tokenFile, Path oauth2, String side) {
        if (tokenFile != null && oauth2 != null) throw new IllegalArgumentException(side + "-token-file and " + side + "-oauth2 exclude each other");
        if (tokenFile != null) return org.mailferry.net.client.AccessTokens.file(tokenFile);
        if (oauth2 == null) return null;
        try {
            return org.mailferry.net.client.AccessTokens.refresh(oauth2);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(side + "-oauth2 " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        report = new AccountReport(oldName);
        int code;
        try {
            if (connections < 1 || connections > 64) throw new IllegalArgumentException("--connections must be 1-64, not " + connections);
            if (fixLongLines < 0 || fixLongLines == 1) throw new IllegalArgumentException("--fixLongLines must be 2 or more");
            ImapMoveOptions o = new ImapMoveOptions(HostPort.parse(oldServer, 143), oldName, oldPassword,
                    HostPort.parse(newServer, 143), newName, newPassword, verbose, list, source, target, List.copyOf(skipMailbox),
                    notimeout, delete, nosubscription, subscribed, fetchRFC822, byOne, noACL, copyMailboxClass, fixLongLines,
                    journalDir, connections, verify, dryRun, !noKeepUIDs,
                    new NetOptions(ClientTls.of(TlsMode.parse(sourceTls), caFile, sourceInsecure), ClientTls.of(TlsMode.parse(targetTls), caFile, targetInsecure),
                            tokenAuth(sourceAuth, sourceTokenFile, sourceOAuth2, "--source"), tokenAuth(targetAuth, targetTokenFile, targetOAuth2, "--target"),
                            new Backoff(retries, retryWait), tokens(sourceTokenFile, sourceOAuth2, "--source"), tokens(targetTokenFile, targetOAuth2, "--target")),
                    sourcePop == null ? null : HostPort.parse(sourcePop, 110), targetPop == null ? null : HostPort.parse(targetPop, 110), automap, new ImapMoveOptions.Filter(maxSize, maxAge, minAge),
                    excludes(exclude), folderMap(maps));
            if (maxSize < 0 || maxAge < 0 || minAge < 0) throw new IllegalArgumentException("--maxsize, --maxage and --minage take a positive number");
            if (maxAge > 0 && minAge > 0 && minAge >= maxAge) {
                throw new IllegalArgumentException("--minage " + minAge + " and --maxage " + maxAge + " leave no message to copy");
            }
            if (automap && target != null) throw new IllegalArgumentException("--automap finds the target's special folders itself; it does not go with --target");
            if (copyMailboxClass) report.warning("--copyMailboxClass: mailbox classes are a CommuniGate Pro extension; not copied");
            code = new ImapMove(o, out, err, report, sourceSlots).run();
        } catch (IllegalArgumentException e) {
            err.println("MoveIMAPMail: " + e.getMessage());
            code = ExitCodes.USAGE;
        } catch (MoverException e) {
            err.println("MoveIMAPMail: " + e.getMessage());
            report.error(e.getMessage());
            code = e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.error("interrupted");
            code = ExitCodes.INTERNAL;
        }
        report.finish(code);
        for (AccountReport.Skipped s : report.skipped()) err.printf("not copied: %s UID %d (%d bytes): %s%n", s.folder(), s.uid(), s.size(), s.reason());
        for (String e : report.errors()) if (!e.startsWith("cannot connect") && !e.contains("refused the login")) err.println("error: " + e);
        if (verbose) for (String w : report.warnings()) out.println("warning: " + w);
        out.println(report.summary());
        if (reportFile != null) {
            try {
                AtomicFiles.write(reportFile, report.toJson() + "\n");
            } catch (java.io.IOException e) {
                err.println("MoveIMAPMail: cannot write the report " + reportFile + ": " + e.getMessage());
            }
        }
        return code;
    }
}
