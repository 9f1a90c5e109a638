package org.mailferry.migrate.importers;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.mailferry.cli.CliClient;

/**
 * Runs an import: plans what the input wants against the server, applies it (unless a dry run) and prints the
 * report. The entry point the {@code mailferry import} commands use once an importer has read its input.
 *
 * <p>Exit status: {@link #OK} when no entry failed, {@link #FAILED} when some did (or the connection was lost);
 * the commands add {@link #BAD_INPUT} for unreadable input or options and {@link #NO_SERVER} when the server
 * cannot be reached or refuses the login.
 */
public final class Importer {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int NO_SERVER = 3;

    /** Opens a logged-in CLI connection (the first for planning, more for {@code --parallel}). */
    public interface Connector {
        CliClient connect() throws IOException;
    }

    /** What an importer read: the objects its entries want, and warnings for the report (unknown columns…). */
    public record Input(List<Wanted> wanted, List<String> warnings) {
        public Input {
            wanted = List.copyOf(wanted);
            warnings = List.copyOf(warnings);
        }
    }

    /** What a mapping needs to know of the server before planning: its main domain and a domain's accounts. */
    public record ServerFacts(String mainDomain, java.util.Set<String> accounts) {
    }

    private Importer() {
    }

    /** The main domain and the account names of {@code domain} (null: the main domain), on one connection. */
    public static ServerFacts facts(Connector connector, String domain) throws IOException {
        try (CliClient cli = connector.connect()) {
            ServerView view = new ServerView(cli);
            String d = domain != null ? domain.toLowerCase(java.util.Locale.ROOT) : view.mainDomain();
            return new ServerFacts(view.mainDomain(), java.util.Set.copyOf(view.accounts(d)));
        }
    }

    /**
     * Plans and (unless {@code opt.dryRun()}) applies {@code input}; prints the report to {@code out} and progress
     * to {@code progress} (may be null). Returns {@link #OK} or {@link #FAILED}.
     *
     * @throws IOException when the server cannot be reached or the connection fails while planning
     */
    public static int run(Input input, ImportOptions opt, Connector connector, PrintWriter out, PrintWriter progress)
            throws IOException {
        List<Entry> entries;
        try (CliClient cli = connector.connect()) {
            entries = new Planner(new ServerView(cli), opt).plan(input.wanted());
            if (!opt.dryRun()) {
                new Runner(connector, opt, progress).run(entries, cli);
            }
        }
        Report.print(entries, input.warnings(), opt, out);
        out.flush();
        return entries.stream().anyMatch(e -> e.failed() || e.result == Entry.Result.NOT_WRITTEN) ? FAILED : OK;
    }
}
