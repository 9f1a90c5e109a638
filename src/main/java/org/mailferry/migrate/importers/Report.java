package org.mailferry.migrate.importers;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The import report: one line per entry (where it came from, what it is, what happened and why), the warnings
 * (unknown columns, users left out), and the summary — created, updated, skipped, failed. As text for people, or
 * with {@code --json} as one JSON object. Never contains a password: entries describe passwords by their form.
 */
final class Report {
    /** The counts of the summary; {@code skipped} holds unchanged, existing, unmapped and not written entries. */
    record Summary(int created, int updated, int skipped, int failed, int rolledBack) {
    }

    private Report() {
    }

    static Summary summary(List<Entry> entries, boolean dryRun) {
        int created = 0;
        int updated = 0;
        int skipped = 0;
        int failed = 0;
        int rolledBack = 0;
        for (Entry e : entries) {
            if (dryRun || e.result == Entry.Result.PLANNED) {
                switch (e.plan) {
                    case CREATE -> created++;
                    case UPDATE -> updated++;
                    case FAIL -> failed++;
                    default -> skipped++;
                }
                continue;
            }
            switch (e.result) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case FAILED -> failed++;
                case ROLLED_BACK -> rolledBack++;
                case NOT_WRITTEN -> {
                    if (e.plan == Entry.Plan.FAIL) {
                        failed++;
                    } else {
                        skipped++;
                    }
                }
                default -> skipped++;
            }
        }
        return new Summary(created, updated, skipped, failed, rolledBack);
    }

    static void print(List<Entry> entries, List<String> warnings, ImportOptions opt, PrintWriter out) {
        Summary s = summary(entries, opt.dryRun());
        if (opt.json()) {
            out.println(Json.write(json(entries, warnings, opt, s)));
            out.flush();
            return;
        }
        for (Entry e : entries) {
            if (opt.quiet() && !e.failed() && e.result != Entry.Result.NOT_WRITTEN
                    && e.result != Entry.Result.ROLLED_BACK && e.plan != Entry.Plan.UNMAPPED) {
                continue;
            }
            out.println(line(e, opt.dryRun()));
        }
        for (String w : warnings) {
            out.println("warning: " + w);
        }
        if (opt.dryRun()) {
            out.printf("dry run, nothing written: would create %d, would update %d, would skip %d, would fail %d%n",
                    s.created(), s.updated(), s.skipped(), s.failed());
        } else {
            out.printf("created %d, updated %d, skipped %d, failed %d%s%n", s.created(), s.updated(), s.skipped(),
                    s.failed(), s.rolledBack() > 0 ? ", rolled back " + s.rolledBack() + " (--all-or-nothing)" : "");
        }
        if (opt.allOrNothing() && !opt.dryRun() && s.failed() > 0) {
            out.println("--all-or-nothing: nothing was kept because " + s.failed()
                    + (s.failed() == 1 ? " entry fails" : " entries fail"));
        }
    }

    static String line(Entry e, boolean dryRun) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.source).append("  ").append(e.kind).append(' ').append(e.object).append("  ")
                .append(e.outcome(dryRun));
        String why = dryRun ? e.detail : e.explanation();
        if (!dryRun && e.result == Entry.Result.NOT_WRITTEN && e.plan != Entry.Plan.FAIL) {
            why = e.error != null ? e.error : "--all-or-nothing, and other entries fail";
        }
        if (why != null && !why.isEmpty()) {
            sb.append(": ").append(why);
        }
        for (String n : e.notes) {
            sb.append(" [").append(n).append(']');
        }
        return sb.toString();
    }

    private static Map<String, Object> json(List<Entry> entries, List<String> warnings, ImportOptions opt,
                                            Summary s) {
        Map<String, Object> sum = new LinkedHashMap<>();
        sum.put("created", s.created());
        sum.put("updated", s.updated());
        sum.put("skipped", s.skipped());
        sum.put("failed", s.failed());
        sum.put("rolledBack", s.rolledBack());
        List<Object> list = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", e.source.toString());
            m.put("kind", e.kind);
            m.put("object", e.object);
            m.put("result", e.outcome(opt.dryRun()));
            m.put("detail", opt.dryRun() ? e.detail : e.explanation());
            m.put("notes", List.copyOf(e.notes));
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dryRun", opt.dryRun());
        root.put("summary", sum);
        root.put("warnings", warnings);
        root.put("entries", list);
        return root;
    }
}
