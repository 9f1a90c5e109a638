package org.mailferry.migrate.importers;

/**
 * The options every importer shares: the default domain (null: the server's main domain), whether to write
 * nothing ({@code dryRun}), to change existing objects ({@code update}), to create missing domains, to write nothing
 * unless every entry can be written ({@code allOrNothing}), how many CLI connections to use for accounts, and the
 * report's form ({@code json}; {@code quiet} lists only entries that did not work).
 */
public record ImportOptions(String domain, boolean dryRun, boolean update, boolean createDomains,
                            boolean allOrNothing, int parallel, boolean json, boolean quiet) {
    public ImportOptions {
        if (parallel < 1 || parallel > 64) {
            throw new IllegalArgumentException("--parallel must be 1 to 64");
        }
        domain = domain == null ? null : domain.toLowerCase(java.util.Locale.ROOT);
    }

    /** Defaults: main domain, write, no update, no domain creation, entry by entry, one connection, text. */
    public static ImportOptions defaults() {
        return new ImportOptions(null, false, false, false, false, 1, false, false);
    }

    public ImportOptions withUpdate(boolean u) {
        return new ImportOptions(domain, dryRun, u, createDomains, allOrNothing, parallel, json, quiet);
    }

    public ImportOptions withDryRun(boolean d) {
        return new ImportOptions(domain, d, update, createDomains, allOrNothing, parallel, json, quiet);
    }
}
