package org.mailferry.migrate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * MoveAccounts (seed: "Copying All Mailboxes from Other Servers"): runs MovePOPMail (default) or
 * MoveIMAPMail for every account of a tab-delimited file, in this process. Beyond the seed: several
 * accounts at once with a cap on the connections to the source host, a summary table and a JSON report.
 */
@Command(name = "MoveAccounts", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {
                "Moves the mail of every account listed in a tab-delimited file, with MovePOPMail (--POP, the default)",
                "or MoveIMAPMail (--IMAP). The first line of the file names the fields; Name and Password are required;",
                "NewName is used as the SMTP recipient (POP) or the new name (IMAP) when present, NewPassword (IMAP) as",
                "the new password; other fields are ignored. suppl_parameters (e.g. --verbose --delete --notimeout",
                "--list \"Mail/*\") are passed to the mover for every account; so are the TLS, login and back-off options",
                "(e.g. --source-tls implicit --ca-file old.pem, or --smtp-user NAME --smtp-password PW; see the movers' --help).",
                "",
                "At the end it prints a table (one line per account) and writes a JSON report (--report).",
                "Exit codes: 0 every account ok; 111 at least one account did not finish ok (see the table); 2 usage.",
                "",
                "Sample: MoveAccounts --POP AccountList 192.0.0.3 192.0.1.5"})
public final class MoveAccounts implements Callable<Integer> {
    @Option(names = "--POP", description = "Use MovePOPMail (the default).")
    boolean pop;
    @Option(names = "--IMAP", description = "Use MoveIMAPMail.")
    boolean imap;
    @Option(names = "--POP-to-IMAP", description = {"With --POP: APPEND each account's messages over IMAP to targetServer instead of "
            + "submitting them over SMTP (MovePOPMail --imap-password), logging in as NewName (else Name) with NewPassword (else "
            + "Password); arrival dates and Status: flags are kept."})
    boolean popToImap;
    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1", description = "Accounts moved at once (default 1).")
    int parallel;
    @Option(names = "--max-per-host", paramLabel = "N", defaultValue = "8",
            description = "Connections open to the source server at once, over all accounts (default 8).")
    int maxPerHost;
    @Option(names = "--report", paramLabel = "FILE", description = "JSON report file (default: the account file's name + .report.json).")
    Path reportFile;

    @Parameters(index = "0", paramLabel = "file", description = "Tab-delimited account list.")
    Path file;
    @Parameters(index = "1", paramLabel = "sourceServer", description = "Old POP or IMAP server, host[:port].")
    String sourceServer;
    @Parameters(index = "2", paramLabel = "targetServer", description = "New SMTP or IMAP server, host[:port].")
    String targetServer;
    @Parameters(index = "3..*", paramLabel = "suppl_parameters", description = "Passed to the mover.")
    List<String> suppl = new ArrayList<>();

    PrintStream out = System.out, err = System.err;

    public static void main(String[] args) { System.exit(run(args, System.out, System.err)); }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        MoveAccounts m = new MoveAccounts();
        m.out = out;
        m.err = err;
        return new CommandLine(m).setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true)
                .setOut(new java.io.PrintWriter(out, true)).setErr(new java.io.PrintWriter(err, true)).execute(args);
    }

    private record Result(AccountFile.Account account, int code, AccountReport report) { }

    @Override
    public Integer call() throws Exception {
        if (pop && imap) return usage("give --POP or --IMAP, not both");
        if (imap && popToImap) return usage("--POP-to-IMAP goes with --POP (MoveIMAPMail always appends over IMAP)");
        if (parallel < 1 || parallel > 256) return usage("--parallel must be 1-256");
        if (maxPerHost < 1) return usage("--max-per-host must be at least 1");
        List<AccountFile.Account> accounts;
        try {
            HostPort.parse(sourceServer, 1);
            HostPort.parse(targetServer, 1);
            accounts = AccountFile.read(file);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            return usage("cannot read " + file + ": " + e.getMessage());
        }
        Semaphore sourceSlots = new Semaphore(maxPerHost, true);
        List<Result> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallel, Thread.ofPlatform().daemon().factory())) {
            List<Future<Result>> futures = new ArrayList<>();
            for (AccountFile.Account a : accounts) futures.add(pool.submit(() -> moveOne(a, sourceSlots)));
            for (Future<Result> f : futures) results.add(f.get());
        }
        printTable(results);
        Path rf = reportFile != null ? reportFile : Path.of(file.toString() + ".report.json");
        StringBuilder json = new StringBuilder("{\"mover\":").append(Json.str(imap ? "MoveIMAPMail" : "MovePOPMail"))
                .append(",\"source\":").append(Json.str(sourceServer)).append(",\"target\":").append(Json.str(targetServer))
                .append(",\"accounts\":[");
        for (int i = 0; i < results.size(); i++) json.append(i > 0 ? ",\n" : "\n").append(results.get(i).report().toJson());
        json.append("\n]}\n");
        AtomicFiles.write(rf, json.toString());
        out.println("report: " + rf);
        return results.stream().allMatch(r -> r.code() == ExitCodes.OK) ? ExitCodes.OK : ExitCodes.FINISHED_WITH_ERRORS;
    }

    private Result moveOne(AccountFile.Account a, Semaphore sourceSlots) throws InterruptedException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream o = parallel == 1 ? out : new PrintStream(buf, true, StandardCharsets.UTF_8);
        PrintStream e = parallel == 1 ? err : o;
        List<String> args = new ArrayList<>(suppl);
        AccountReport[] rep = new AccountReport[1];
        int code;
        if (imap) {
            args.addAll(List.of(sourceServer, a.name(), a.password(), targetServer, a.targetName(), a.targetPassword()));
            code = MoveIMAPMail.run(args.toArray(String[]::new), o, e, sourceSlots, r -> rep[0] = r);
        } else {
            if (popToImap) args.addAll(List.of("--imap-password", a.targetPassword()));
            args.addAll(List.of(sourceServer, a.name(), a.password(), targetServer, a.targetName()));
            sourceSlots.acquire();
            try {
                code = MovePOPMail.run(args.toArray(String[]::new), o, e, r -> rep[0] = r);
            } finally {
                sourceSlots.release();
            }
        }
        if (rep[0] == null) { // the mover stopped at its command line
            rep[0] = new AccountReport(a.name());
            rep[0].error("bad parameters for " + a.name() + " (file line " + a.line() + ")");
            rep[0].finish(code);
        }
        if (parallel > 1) {
            synchronized (out) {
                for (String line : buf.toString(StandardCharsets.UTF_8).split("\n")) if (!line.isEmpty()) out.println("[" + a.name() + "] " + line);
            }
        }
        return new Result(a, code, rep[0]);
    }

    private void printTable(List<Result> results) {
        // the last three columns only when some account has them (--maxsize/--maxage/--minage, reruns, UIDLs kept)
        boolean extra = results.stream().map(Result::report).anyMatch(p -> p.excluded.get() + p.flagsUpdated.get() + p.popUidlsKept.get() > 0);
        String fmt = "%-24s %-22s %7s %9s %9s %8s %6s %9s %8s" + (extra ? " %8s %8s %8s" : "%s%s%s") + "%n";
        out.printf(fmt, "Account", "Result", "Folders", "Messages", "Already", "Skipped", "Errors", "MB", "Seconds",
                extra ? "Excluded" : "", extra ? "Flags" : "", extra ? "UIDLs" : "");
        for (Result r : results) {
            AccountReport p = r.report();
            out.printf(fmt, r.account().name(), ExitCodes.className(r.code()), p.folders.get(), p.copied.get(), p.alreadyThere.get(),
                    p.skipped().size(), p.errors().size(), String.format("%.1f", p.bytes.get() / 1e6),
                    String.format("%.1f", p.durationMillis() / 1000.0), extra ? p.excluded.get() : "", extra ? p.flagsUpdated.get() : "",
                    extra ? p.popUidlsKept.get() : "");
        }
    }

    private int usage(String message) {
        err.println("MoveAccounts: " + message);
        return ExitCodes.USAGE;
    }
}
