package org.mailferry.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mailferry.imap.client.FetchItem;
import org.mailferry.imap.client.ImapCommandException;
import org.mailferry.imap.client.ImapCompletion;
import org.mailferry.imap.client.ImapConnection;
import org.mailferry.imap.client.ImapMailboxes;

/**
 * {@code --verify}: after the copy, reads every copied folder on both sides again and compares per folder
 * the message count and bytes, and per message the content hash (SHA-256; after the --fixLongLines
 * treatment where it applied), flags and keywords (without \Recent) and INTERNALDATE (as an instant).
 * Messages listed as not copied are expected to be missing; messages only on the target (mail that was
 * there before) are reported but are not differences. Prints one line per folder and the first
 * differences of each. Holds one small record per message, never bodies.
 */
final class Verifier {
    private static final DateTimeFormatter IMAP_DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ROOT);

    private record Entry(long uid, String sha, long size, Set<String> flags, long epoch) { }

    private final ImapMoveOptions o;
    private final PrintStream out;
    private final AccountReport report;

    Verifier(ImapMoveOptions o, PrintStream out, AccountReport report) {
        this.o = o;
        this.out = out;
        this.report = report;
    }

    /** True when every folder matched. */
    boolean verify(Conns main, List<FolderCopier.Plan> plans, Path tmp) throws IOException, ImapCommandException {
        boolean all = true;
        for (FolderCopier.Plan p : plans) all &= verifyFolder(main, p, tmp);
        out.println(all ? "verify: source and target match" : "verify: DIFFERENCES found (see above)");
        return all;
    }

    private boolean verifyFolder(Conns c, FolderCopier.Plan p, Path tmp) throws IOException, ImapCommandException {
        Set<Long> known = new HashSet<>();
        for (AccountReport.Skipped s : report.skipped()) if (s.folder().equals(p.display())) known.add(s.uid());
        List<Entry> src = read(c.src, p.source(), tmp, true);
        src.removeIf(e -> known.contains(e.uid()));
        List<Entry> tgt = read(c.tgt, p.target(), tmp, false);
        Map<String, List<Entry>> bySha = new HashMap<>();
        for (Entry t : tgt) bySha.computeIfAbsent(t.sha(), k -> new ArrayList<>()).add(t);
        List<String> diffs = new ArrayList<>();
        int missing = 0, flagDiffs = 0, dateDiffs = 0;
        long bytes = 0;
        for (Entry s : src) {
            bytes += s.size();
            List<Entry> cands = bySha.get(s.sha());
            if (cands == null || cands.isEmpty()) {
                missing++;
                diffs.add("UID " + s.uid() + " (" + s.size() + " bytes) is missing on the target");
                continue;
            }
            Entry best = null;
            for (Entry t : cands) if (t.flags().equals(s.flags()) && t.epoch() == s.epoch()) { best = t; break; }
            if (best == null) best = cands.get(0);
            cands.remove(best);
            if (!best.flags().equals(s.flags())) {
                flagDiffs++;
                diffs.add("UID " + s.uid() + ": flags " + s.flags() + " on the source, " + best.flags() + " on the target");
            }
            if (best.epoch() != s.epoch()) {
                dateDiffs++;
                diffs.add("UID " + s.uid() + ": INTERNALDATE differs (" + s.epoch() + " vs " + best.epoch() + " epoch seconds)");
            }
        }
        int extra = 0;
        for (List<Entry> l : bySha.values()) extra += l.size();
        boolean ok = missing == 0 && flagDiffs == 0 && dateDiffs == 0;
        out.printf("verify %s: %d messages, %s%s: %s%n", p.display(), src.size(), AccountReport.mb(bytes),
                known.isEmpty() ? "" : " (" + known.size() + " listed as not copied)",
                ok ? "OK" + (extra > 0 ? " (" + extra + " other messages on the target)" : "")
                        : "DIFFERENT: " + missing + " missing, " + flagDiffs + " flag differences, " + dateDiffs + " date differences");
        for (int i = 0; i < Math.min(10, diffs.size()); i++) out.println("  " + diffs.get(i));
        if (!ok) report.warning("verify " + p.display() + ": " + missing + " missing, " + flagDiffs + " flag and " + dateDiffs + " date differences");
        return ok;
    }

    private List<Entry> read(ImapConnection conn, String box, Path tmp, boolean source) throws IOException, ImapCommandException {
        var sel = ImapMailboxes.select(conn, box, true);
        List<Entry> out = new ArrayList<>();
        if (sel.exists() == 0) return out;
        String tag = conn.submitRaw("UID FETCH 1:* (UID FLAGS INTERNALDATE BODY.PEEK[])");
        ImapCompletion done = conn.await(tag, (len, in) -> digest(in, len, tmp, source), r -> {
            if (!r.kind().equals("FETCH") || r.values().isEmpty()) return;
            FetchItem f = FetchItem.of(r.number(), r.values().get(0));
            if (f.body() instanceof Object[] d) {
                Set<String> flags = new TreeSet<>();
                for (String fl : f.flags()) if (!fl.equalsIgnoreCase("\\Recent")) flags.add(fl);
                out.add(new Entry(f.uid(), (String) d[0], (Long) d[1], flags, epoch(f.internalDate())));
            }
        });
        if (!done.ok()) throw new ImapCommandException("UID FETCH for --verify in " + box, done);
        conn.run(conn.has("UNSELECT") ? "UNSELECT" : "CLOSE", r -> { });
        return out;
    }

    /** {sha, size}: of the message as the target should hold it (after the --fixLongLines treatment on the source side). */
    private Object digest(InputStream in, long len, Path tmp, boolean source) throws IOException {
        try (Spool s = Spool.of(in, len, FolderCopier.MEMORY_SPOOL, tmp)) {
            if (source && o.fixLongLines() > 0 && s.longestLine() > o.fixLongLines()) {
                try (Spool f = new Spool(FolderCopier.MEMORY_SPOOL, tmp); InputStream orig = s.open()) {
                    LongLineFixer.fix(orig, f, o.fixLongLines());
                    f.finish();
                    return new Object[] {f.sha256Hex(), f.size()};
                }
            }
            return new Object[] {s.sha256Hex(), s.size()};
        }
    }

    static long epoch(String internalDate) {
        if (internalDate == null) return 0;
        try {
            return ZonedDateTime.parse(internalDate.trim(), IMAP_DATE).toEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
