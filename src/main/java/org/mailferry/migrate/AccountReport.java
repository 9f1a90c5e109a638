package org.mailferry.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one mover run did for one account: folders, messages copied and already present, bytes, every
 * message not copied with its reason, errors and warnings, duration and exit class. Thread-safe (folder
 * workers add to it concurrently). Printed as a summary line and written as JSON for MoveAccounts.
 */
public final class AccountReport {
    /** A message that was not copied, with where it is and why. */
    public record Skipped(String folder, long uid, long size, String reason) { }

    public final String account;
    public final AtomicLong folders = new AtomicLong();
    public final AtomicLong copied = new AtomicLong();
    public final AtomicLong alreadyThere = new AtomicLong();
    public final AtomicLong bytes = new AtomicLong();
    public final AtomicLong deleted = new AtomicLong();
    /** Folders copied with the source's UIDVALIDITY and UIDs (target Mailferry, X-MAILFERRY-UIDS). */
    public final AtomicLong foldersWithUidsKept = new AtomicLong();
    /** Messages whose POP3 UIDL on the old server the target keeps (target Mailferry, X-UIDL). */
    public final AtomicLong popUidlsKept = new AtomicLong();
    /** Copies from earlier runs whose flags a rerun set to the source's current ones. */
    public final AtomicLong flagsUpdated = new AtomicLong();
    /** Messages left out by --maxsize, --maxage or --minage (not errors). */
    public final AtomicLong excluded = new AtomicLong();
    private final List<Skipped> skipped = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private long durationMillis = -1;
    private int exitCode = -1;

    public AccountReport(String account) { this.account = account; }

    public synchronized void skipped(Skipped s) { skipped.add(s); }

    public synchronized void error(String e) { errors.add(e); }

    public synchronized void warning(String w) { warnings.add(w); }

    public synchronized List<Skipped> skipped() { return List.copyOf(skipped); }

    public synchronized List<String> errors() { return List.copyOf(errors); }

    public synchronized List<String> warnings() { return List.copyOf(warnings); }

    public synchronized boolean hasProblems() { return !skipped.isEmpty() || !errors.isEmpty(); }

    public synchronized void finish(int code) {
        exitCode = code;
        durationMillis = (System.nanoTime() - startNanos) / 1_000_000;
    }

    public synchronized int exitCode() { return exitCode; }

    public synchronized long durationMillis() {
        return durationMillis >= 0 ? durationMillis : (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** One line for the operator. */
    public String summary() {
        return String.format("%s: %d folders, %d messages copied (%s), %d already there, %d not copied, %s%d errors, %.1f s, %s",
                account, folders.get(), copied.get(), mb(bytes.get()), alreadyThere.get(), skipped().size(),
                excluded.get() > 0 ? excluded.get() + " excluded by --maxsize/--maxage/--minage, " : "", errors().size(),
                durationMillis() / 1000.0, ExitCodes.className(exitCode));
    }

    static String mb(long b) { return String.format("%.1f MB", b / 1e6); }

    /** The report as a JSON object. */
    public synchronized String toJson() {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"account\":").append(Json.str(account))
                .append(",\"folders\":").append(folders.get())
                .append(",\"messages\":").append(copied.get())
                .append(",\"alreadyThere\":").append(alreadyThere.get())
                .append(",\"bytes\":").append(bytes.get())
                .append(",\"deletedFromSource\":").append(deleted.get())
                .append(",\"foldersWithUidsKept\":").append(foldersWithUidsKept.get())
                .append(",\"popUidlsKept\":").append(popUidlsKept.get())
                .append(",\"flagsUpdated\":").append(flagsUpdated.get())
                .append(",\"excluded\":").append(excluded.get())
                .append(",\"durationMillis\":").append(durationMillis())
                .append(",\"exitCode\":").append(exitCode)
                .append(",\"exitClass\":").append(Json.str(ExitCodes.className(exitCode)))
                .append(",\"skipped\":[");
        for (int i = 0; i < skipped.size(); i++) {
            Skipped s = skipped.get(i);
            if (i > 0) sb.append(',');
            sb.append("{\"folder\":").append(Json.str(s.folder())).append(",\"uid\":").append(s.uid())
                    .append(",\"size\":").append(s.size()).append(",\"reason\":").append(Json.str(s.reason())).append('}');
        }
        sb.append("],\"errors\":").append(Json.strings(errors)).append(",\"warnings\":").append(Json.strings(warnings)).append('}');
        return sb.toString();
    }
}
