package org.mailferry.migrate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mailferry.pop3.client.Pop3Client;
import org.mailferry.pop3.client.Pop3Exception;
import org.mailferry.net.client.ClientSasl;
import org.mailferry.net.client.ClientTls;
import org.mailferry.net.client.TlsMode;
import org.mailferry.smtp.client.SmtpException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * MovePOPMail (seed: "Copying Mailboxes from Other POP Servers"): retrieves every message of a POP3
 * account (RFC 1939) and submits each over SMTP (RFC 5321) to one recipient. A journal keyed by UIDL
 * (or by content hash when the server has no UIDL) makes a rerun skip what was already accepted;
 * {@code --delete} deletes a message only after the SMTP server accepted it and the journal recorded it.
 * Does not keep flags or arrival dates (SMTP cannot carry them).
 */
@Command(name = "MovePOPMail", mixinStandardHelpOptions = true, sortOptions = false,
        usageHelpWidth = 110,
        description = {
                "Copies every message of a POP3 account to an SMTP server, for one recipient.",
                "Servers are host[:port] (POP default 110, SMTP default 25). Time-outs are 20 s (1 hour with --notimeout).",
                "A journal per account (see --journal) remembers what the SMTP server accepted, keyed by UIDL, so a",
                "rerun does not submit anything twice; a message is deleted (--delete) only after it was accepted.",
                "",
                "TLS: by default implicit TLS on ports 995/465, else STLS/STARTTLS when the server offers it, else plain;",
                "in that automatic mode a certificate that does not verify gives a warning; --pop-tls/--smtp-tls starttls",
                "or implicit require a verified certificate (--ca-file adds trusted certificates;",
                "--pop-insecure/--smtp-insecure accept any). Temporary refusals (POP [IN-USE], [SYS/TEMP]; SMTP",
                "421/450/451/452) are retried after 1, 2, 4 ... seconds (--retries, --retry-wait). Passwords and AUTH",
                "payloads never appear in the output.",
                "",
                "Exit codes: 0 ok, 111 finished with errors (every message not copied is listed), 101/102 cannot",
                "connect to the POP/SMTP server, 161 POP login failed, 162 SMTP AUTH failed, 2 usage, 1 internal error",
                "or journal in use.",
                "",
                "With --imap-password the messages are APPENDed over IMAP instead (SMTPserver is then the IMAP server and",
                "SMTPrecipient the account to log in as), keeping arrival dates and Status:/X-Status: flags.",
                "",
                "Sample: MovePOPMail --verbose 192.0.0.4 john \"jps#dhj\" 192.0.1.5 john"})
public final class MovePOPMail implements Callable<Integer> {
    @Option(names = "--verbose", description = "Print progress to standard output.")
    boolean verbose;
    @Option(names = "--delete", description = "Delete each message from the POP account after the SMTP server accepted it.")
    boolean delete;
    @Option(names = "--notimeout", description = "Raise the POP and SMTP time-outs from 20 seconds to 1 hour.")
    boolean notimeout;
    @Option(names = "--journal", paramLabel = "DIR",
            description = "Directory of the per-account journals (default $MAILFERRY_JOURNAL or ~/.mailferry/journal).")
    Path journalDir;
    @Option(names = "--dry-run", description = "Log in to both servers and list what would be copied; copy nothing.")
    boolean dryRun;
    @Option(names = "--sender", paramLabel = "ADDRESS", defaultValue = "",
            description = "Envelope sender (MAIL FROM) for the submitted messages; default the null sender <>.")
    String sender;
    @Option(names = "--helo", paramLabel = "NAME", defaultValue = "mailferry.movepopmail", description = "Name sent in EHLO.")
    String helo;
    @Option(names = "--pop-tls", paramLabel = "MODE", defaultValue = "auto",
            description = "TLS to the POP server: auto (default: implicit TLS on port 995, else STLS when the server offers it, else plain), "
                    + "none, starttls (STLS required, certificate verified) or implicit (POP3S, certificate verified).")
    String popTls;
    @Option(names = "--smtp-tls", paramLabel = "MODE", defaultValue = "auto",
            description = "TLS to the SMTP server: auto (implicit TLS on port 465, else STARTTLS when offered, else plain), none, starttls or implicit.")
    String smtpTls;
    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Also trust the certificates in this PEM file (a self-signed certificate or a private CA), for both servers.")
    Path caFile;
    @Option(names = "--pop-insecure", description = "Accept any certificate and any name from the POP server (not verified at all).")
    boolean popInsecure;
    @Option(names = "--smtp-insecure", description = "Accept any certificate and any name from the SMTP server.")
    boolean smtpInsecure;
    @Option(names = "--pop-auth", paramLabel = "METHOD", defaultValue = "auto",
            description = "POP login: auto (default: USER/PASS; when the server does not offer USER, the first of AUTH PLAIN, LOGIN, "
                    + "SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5 it offers, else APOP), user, apop, plain, login, scram-sha-256, scram-sha-1, cram-md5, "
                    + "or oauthbearer / xoauth2 with an OAuth 2.0 access token as POPpassword.")
    String popAuth;
    @Option(names = "--smtp-user", paramLabel = "NAME", description = "Authenticate to the SMTP server (AUTH, RFC 4954) as NAME, e.g. for a submission port.")
    String smtpUser;
    @Option(names = "--smtp-password", paramLabel = "PASSWORD", description = "Password for --smtp-user.")
    String smtpPassword;
    @Option(names = "--smtp-auth", paramLabel = "MECH", defaultValue = "auto",
            description = "SMTP AUTH mechanism: auto (default: the first of PLAIN, LOGIN, SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5 the server offers), "
                    + "plain, login, scram-sha-256, scram-sha-1 or cram-md5.")
    String smtpAuth;
    @Option(names = "--imap-password", paramLabel = "PASSWORD",
            description = {"Instead of submitting over SMTP, APPEND every message over IMAP to --imap-folder of the account SMTPrecipient "
                    + "on the server SMTPserver (host[:port], port 143 by default), logging in with this password. The message then keeps "
                    + "its arrival date (INTERNALDATE from its newest Received: header, else from Date:) and the flags an mbox-based POP "
                    + "server kept in Status:/X-Status: (R: \\Seen, A: \\Answered, F: \\Flagged, T: \\Draft). --smtp-tls, "
                    + "--smtp-insecure and --ca-file then apply to the IMAP server; exit codes 102/162 mean it could not be reached/logged in to."})
    String imapPassword;
    @Option(names = "--imap-folder", paramLabel = "NAME", defaultValue = "INBOX",
            description = "Folder for --imap-password (modified UTF-7 name as the server lists it; created when missing; default INBOX).")
    String imapFolder;
    @Option(names = "--retries", paramLabel = "N", defaultValue = "6",
            description = "Retries after a temporary refusal (POP -ERR [IN-USE] or [SYS/TEMP]; SMTP 421, 450, 451, 452) (default 6).")
    int retries;
    @Option(names = "--retry-wait", paramLabel = "MS", defaultValue = "1000",
            description = "First wait before such a retry, in milliseconds; doubled for each further retry, at most 60 s (default 1000).")
    long retryWait;

    @Parameters(index = "0", paramLabel = "POPserver", description = "Source POP3 server, host[:port].")
    String popServer;
    @Parameters(index = "1", paramLabel = "POPname", description = "Account name on the POP server.")
    String popName;
    @Parameters(index = "2", paramLabel = "POPpassword", description = "Account password on the POP server.")
    String popPassword;
    @Parameters(index = "3", paramLabel = "SMTPserver", description = "Target SMTP server, host[:port].")
    String smtpServer;
    @Parameters(index = "4", paramLabel = "SMTPrecipient", description = "Address the messages are sent to.")
    String recipient;

    PrintStream out = System.out;
    PrintStream err = System.err;
    AccountReport report;
    private SmtpSubmitter smtpConn;
    private PopImapTarget imapTarget;
    private Backoff backoff;
    private ClientTls popClientTls;

    public static void main(String[] args) { System.exit(run(args, System.out, System.err, null)); }

    /** Runs with these arguments; {@code reportSink} (may be null) receives the account report. */
    public static int run(String[] args, PrintStream out, PrintStream err, java.util.function.Consumer<AccountReport> reportSink) {
        MovePOPMail m = new MovePOPMail();
        m.out = out;
        m.err = err;
        CommandLine cl = new CommandLine(m).setOut(new java.io.PrintWriter(out, true)).setErr(new java.io.PrintWriter(err, true));
        int code = cl.execute(args);
        if (reportSink != null && m.report != null) reportSink.accept(m.report);
        return code;
    }

    @Override
    public Integer call() {
        report = new AccountReport(popName);
        int code;
        try {
            code = move();
        } catch (MoverException e) {
            err.println("MovePOPMail: " + e.getMessage());
            report.error(e.getMessage());
            code = e.exitCode();
        } catch (IllegalArgumentException e) {
            err.println("MovePOPMail: " + e.getMessage());
            code = ExitCodes.USAGE;
        }
        report.finish(code);
        out.println(report.summary());
        if (report.popUidlsKept.get() > 0) {
            out.println(report.popUidlsKept.get() + " messages keep their UIDL: POP clients will not fetch them again");
        }
        return code;
    }

    private int move() throws MoverException {
        HostPort pop = HostPort.parse(popServer, 110);
        HostPort smtp = HostPort.parse(smtpServer, imapPassword != null ? 143 : 25);
        int timeout = notimeout ? 3_600_000 : 20_000;
        backoff = new Backoff(retries, retryWait);
        popClientTls = ClientTls.of(TlsMode.parse(popTls), caFile, popInsecure);
        if ((smtpUser == null) != (smtpPassword == null)) throw new IllegalArgumentException("give both --smtp-user and --smtp-password, or neither");
        SmtpSubmitter.Settings submit = new SmtpSubmitter.Settings(smtp, timeout, helo, ClientTls.of(TlsMode.parse(smtpTls), caFile, smtpInsecure),
                smtpUser, smtpPassword, ClientSasl.option(smtpAuth, "--smtp-auth"), backoff, sender, recipient);
        popAuth = ClientSasl.option(popAuth, "--pop-auth", "USER", "APOP");
        Path jf = JournalFiles.file(JournalFiles.dir(journalDir), imapPassword != null ? "pop-imap" : "pop", pop, popName, smtp, recipient);
        try (Journal journal = Journal.open(jf)) {
            Pop3Client source = connectPop(pop, timeout);
            try {
                List<Pop3Client.Entry> entries = source.list();
                long total = entries.stream().mapToLong(Pop3Client.Entry::size).sum();
                if (verbose) out.printf("%s: %d messages, %s on the POP server; journal %s%n", popName, entries.size(), AccountReport.mb(total), jf);
                if (imapPassword != null) {
                    ImapEndpoint target = new ImapEndpoint(smtp, recipient, imapPassword, timeout, false, submit.tls(), "auto", backoff,
                            this::progress, this::warn, new java.util.concurrent.atomic.AtomicBoolean());
                    try (PopImapTarget t = PopImapTarget.open(target, imapFolder, backoff, this::progress)) {
                        imapTarget = t;
                        int found = t.recover(journal);
                        if (found > 0) progress(found + " messages of an interrupted run found on the IMAP target");
                        copyAll(source, entries, journal);
                    }
                } else {
                    smtpConn = new SmtpSubmitter(submit, this::progress, this::warn);
                    try {
                        smtpConn.connect();
                        copyAll(source, entries, journal);
                    } finally {
                        smtpConn.close();
                    }
                }
                source.quit(); // commits DELE
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MoverException(ExitCodes.INTERNAL, "interrupted", e);
            } catch (IOException e) {
                throw new MoverException(ExitCodes.FINISHED_WITH_ERRORS, "connection lost: " + e.getMessage(), e);
            } catch (Pop3Exception e) {
                throw new MoverException(ExitCodes.FINISHED_WITH_ERRORS, "POP server: " + e.getMessage(), e);
            } finally {
                source.close();
            }
        } catch (IOException e) {
            throw new MoverException(ExitCodes.INTERNAL, "journal: " + e.getMessage(), e);
        }
        report.folders.set(1);
        return report.hasProblems() ? ExitCodes.FINISHED_WITH_ERRORS : ExitCodes.OK;
    }

    private void progress(String line) {
        if (verbose) out.println(line);
    }

    /** Whether the message with this key reached the target in an earlier run (SMTP: P record; IMAP: also recovered). */
    private static boolean done(Journal journal, String key) {
        return journal.popWasSubmitted(key) || journal.isCopied(PopImapTarget.box(key), 0, 0);
    }

    private void warn(String line) {
        report.warning(line);
        err.println("warning: " + line);
    }

    private void copyAll(Pop3Client source, List<Pop3Client.Entry> entries, Journal journal) throws IOException, Pop3Exception, MoverException {
        Map<String, Integer> seenHashes = new HashMap<>();
        Path tmp = Files.createTempDirectory("mf-pop");
        try {
            int i = 0;
            for (Pop3Client.Entry e : entries) {
                i++;
                String key = e.uid() != null ? "uidl:" + e.uid() : null;
                if (key != null && done(journal, key)) {
                    report.alreadyThere.incrementAndGet();
                    if (delete && !dryRun) deleteOne(source, e);
                    continue;
                }
                if (dryRun) {
                    out.printf("would copy message %d (%d bytes)%n", e.number(), e.size());
                    continue;
                }
                try (Spool spool = new Spool(256 * 1024, tmp)) {
                    Pop3Exception unread = retrieve(source, e, spool);
                    if (unread != null) {
                        notCopied(e, "the POP server refused RETR: " + unread.getMessage());
                        continue;
                    }
                    spool.finish();
                    if (key == null) {
                        String h = spool.sha256Hex();
                        int n = seenHashes.merge(h, 1, Integer::sum);
                        key = "sha:" + h + "#" + n;
                        if (done(journal, key)) {
                            report.alreadyThere.incrementAndGet();
                            if (delete) deleteOne(source, e);
                            continue;
                        }
                    }
                    try {
                        if (imapTarget == null) {
                            smtpConn.submit(spool.size(), spool.eightBit(), spool::open);
                        } else {
                            // an intent first, fsync'ed: a run killed after the server stored the message but before
                            // the outcome below is written finds it there (PopImapTarget.recover) and does not append it again
                            Journal.Intent intent = imapTarget.intent(key, spool);
                            journal.intent(intent);
                            journal.sync();
                            org.mailferry.imap.client.ImapCompletion refused = imapTarget.append(spool, e.uid());
                            if (refused != null) {
                                journal.abandoned(intent.box(), 0, 0);
                                notCopied(e, "refused by the IMAP server: " + refused.describe());
                                continue;
                            }
                            journal.copied(imapTarget.copied(intent));
                            if (e.uid() != null && imapTarget.keepsUidls() && org.mailferry.util.Uidls.valid(e.uid())) {
                                report.popUidlsKept.incrementAndGet();
                            }
                        }
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new MoverException(ExitCodes.INTERNAL, "interrupted", ie);
                    }
                    journal.popSubmitted(key, spool.size());
                    // SMTP: durable before the next message; IMAP: made durable by the next intent's fsync (a lost
                    // outcome is recovered from its intent), or now when the message is to be deleted from the source
                    if (imapTarget == null || delete) journal.sync();
                    report.copied.incrementAndGet();
                    report.bytes.addAndGet(spool.size());
                    if (verbose) out.printf("message %d/%d (%d bytes) %s%n", i, entries.size(), spool.size(), imapTarget == null ? "submitted" : "appended");
                    if (delete) deleteOne(source, e);
                } catch (SmtpException se) {
                    notCopied(e, (se.reply().permanent() ? "refused by SMTP server: " : "temporarily refused: ") + se.getMessage());
                }
            }
        } finally {
            try (var s = Files.list(tmp)) {
                for (Path p : s.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * RETR into {@code spool}; null when retrieved. A {@code -ERR} answer (the server sends it before any byte of
     * the message, so the spool is still empty) is retried with the back-off when temporary ([SYS/TEMP],
     * [IN-USE]), then returned: that message is listed as not copied and the others are copied.
     */
    private Pop3Exception retrieve(Pop3Client source, Pop3Client.Entry e, Spool spool) throws IOException, MoverException {
        for (int attempt = 1; ; attempt++) {
            try {
                source.retrieve(e.number(), spool);
                return null;
            } catch (Pop3Exception pe) {
                if (!pe.temporary() || attempt > backoff.retries()) return pe;
                progress("message " + e.number() + ": " + pe.getMessage() + "; " + backoff.describe(attempt));
                try {
                    backoff.await(attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new MoverException(ExitCodes.INTERNAL, "interrupted", ie);
                }
            }
        }
    }

    private void notCopied(Pop3Client.Entry e, String reason) {
        report.skipped(new AccountReport.Skipped("INBOX", e.number(), e.size(), reason));
        err.printf("message %d (%s): %s%n", e.number(), e.uid() == null ? "no UIDL" : "UIDL " + e.uid(), reason);
    }

    private void deleteOne(Pop3Client source, Pop3Client.Entry e) throws IOException, Pop3Exception {
        source.delete(e.number());
        report.deleted.incrementAndGet();
    }

    /** Connects and logs in; a temporary refusal (-ERR [IN-USE], [SYS/TEMP]) is retried with the back-off. */
    private Pop3Client connectPop(HostPort hp, int timeout) throws MoverException {
        for (int attempt = 1; ; attempt++) {
            Pop3Exception temporary;
            Pop3Client c;
            try {
                c = Pop3Client.connect(hp.host(), hp.port(), timeout, popClientTls);
            } catch (ClientTls.TlsException e) {
                throw new MoverException(ExitCodes.CONNECT_SOURCE, "POP server " + hp + ": " + e.getMessage()
                        + (e.untrusted() ? "; give --ca-file PEM with its certificate or CA, or --pop-insecure" : ""), e);
            } catch (IOException | Pop3Exception e) {
                throw new MoverException(ExitCodes.CONNECT_SOURCE, "cannot connect to POP server " + hp + ": " + e.getMessage(), e);
            }
            try {
                String how = c.login(popName, popPassword, popAuth);
                String problem = c.certificateProblem();
                if (problem != null) {
                    warn("POP " + hp + ": TLS certificate not verified (" + problem + "); the connection is encrypted but the server is not"
                            + " authenticated. Give --ca-file PEM to trust it, or --pop-tls starttls to require a verified certificate");
                }
                progress("POP " + hp + ": " + c.tlsDescription() + "; logged in as " + popName + " with " + how);
                return c;
            } catch (Pop3Exception e) {
                c.close();
                if (!e.temporary() || attempt > backoff.retries()) {
                    throw new MoverException(ExitCodes.LOGIN_SOURCE, "POP server " + hp + " refused the login of " + popName + ": "
                            + e.getMessage(), e);
                }
                temporary = e;
            } catch (IOException e) {
                c.close();
                throw new MoverException(ExitCodes.CONNECT_SOURCE, "POP server " + hp + " closed the connection at login: " + e.getMessage(), e);
            }
            progress("POP " + hp + ": " + temporary.getMessage() + "; " + backoff.describe(attempt));
            try {
                backoff.await(attempt);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new MoverException(ExitCodes.INTERNAL, "interrupted", ie);
            }
        }
    }
}
