package org.mailferry.migrate.importers;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.mailferry.cli.CliClient;

/**
 * Applies a plan: domains first, then accounts (over {@code --parallel} CLI connections), then aliases,
 * forwarders, groups and rules, each entry's commands in order. When a command is refused, the entry's earlier
 * commands are undone and the entry fails with the server's reason; the other entries go on. With
 * {@code --all-or-nothing} nothing is written when the plan has a failing entry, and a failure during the run
 * undoes every entry already written, newest first. A lost connection stops the run; entries not yet written are
 * reported as such. Progress goes to {@code progress} every two seconds on long runs.
 */
final class Runner {
    private final Importer.Connector connector;
    private final ImportOptions opt;
    private final PrintWriter progress;
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicReference<String> lost = new AtomicReference<>();

    Runner(Importer.Connector connector, ImportOptions opt, PrintWriter progress) {
        this.connector = connector;
        this.opt = opt;
        this.progress = progress;
    }

    /** Runs the plan on {@code cli} (and more connections for accounts); sets every entry's result. */
    void run(List<Entry> entries, CliClient cli) {
        boolean planFails = false;
        List<Entry> toWrite = new ArrayList<>();
        for (Entry e : entries) {
            switch (e.plan) {
                case EXISTS -> e.result = Entry.Result.EXISTS;
                case UNCHANGED -> e.result = Entry.Result.UNCHANGED;
                case UNMAPPED -> e.result = Entry.Result.UNMAPPED;
                case FAIL -> {
                    e.result = Entry.Result.FAILED;
                    planFails = true;
                }
                case CREATE, UPDATE -> toWrite.add(e);
            }
        }
        if (opt.allOrNothing() && planFails) {
            toWrite.forEach(e -> e.result = Entry.Result.NOT_WRITTEN);
            return;
        }
        Thread ticker = startProgress(toWrite.size());
        try {
            for (int phase = Entry.PHASE_DOMAINS; phase <= Entry.PHASE_OBJECTS && lost.get() == null; phase++) {
                final int p = phase;
                List<Entry> now = toWrite.stream().filter(e -> e.phase == p).toList();
                if (p == Entry.PHASE_ACCOUNTS && opt.parallel() > 1 && now.size() > 1) {
                    parallel(now, cli);
                } else {
                    sequential(now, cli);
                }
            }
        } finally {
            if (ticker != null) {
                ticker.interrupt();
            }
        }
        for (Entry e : toWrite) {
            if (e.result == Entry.Result.PLANNED) {
                e.result = Entry.Result.NOT_WRITTEN;
                e.error = "not written: " + lost.get();
            }
        }
        if (opt.allOrNothing() && toWrite.stream().anyMatch(e -> e.result != Entry.Result.CREATED
                && e.result != Entry.Result.UPDATED)) {
            rollBack(toWrite, cli);
        }
    }

    private void sequential(List<Entry> entries, CliClient cli) {
        for (Entry e : entries) {
            if (lost.get() != null) {
                return;
            }
            write(e, cli);
        }
    }

    private void parallel(List<Entry> entries, CliClient first) {
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        int n = Math.min(opt.parallel(), entries.size());
        for (int i = 0; i < n; i++) {
            final boolean own = i > 0;
            workers.add(Thread.ofVirtual().name("import-" + i).start(() -> {
                CliClient cli = first;
                try {
                    if (own) {
                        cli = connector.connect();
                    }
                    for (int k; lost.get() == null && (k = next.getAndIncrement()) < entries.size(); ) {
                        write(entries.get(k), cli);
                    }
                } catch (IOException e) {
                    lost.compareAndSet(null, "cannot open another connection: " + e.getMessage());
                } finally {
                    if (own && cli != null) {
                        closeQuietly(cli);
                    }
                }
            }));
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lost.compareAndSet(null, "interrupted");
            }
        }
    }

    /** Runs one entry's commands; on refusal undoes what it did. */
    private void write(Entry e, CliClient cli) {
        int i = 0;
        try {
            for (; i < e.steps.size(); i++) {
                cli.command(e.steps.get(i).command());
                e.done = i + 1;
            }
            e.result = e.plan == Entry.Plan.CREATE ? Entry.Result.CREATED : Entry.Result.UPDATED;
        } catch (CliClient.CliError err) {
            e.error = e.steps.get(i).verb() + ": " + err.getMessage();
            undo(e, cli);
            e.result = Entry.Result.FAILED;
        } catch (IOException io) {
            lost.compareAndSet(null, "the connection to the server was lost (" + io.getMessage() + ")");
            e.error = "the connection was lost while this entry was written; check it and rerun";
            e.result = Entry.Result.FAILED;
        }
        written.incrementAndGet();
    }

    private void undo(Entry e, CliClient cli) {
        for (int i = e.done - 1; i >= 0; i--) {
            String u = e.steps.get(i).undo();
            if (u == null) {
                continue;
            }
            try {
                cli.command(u);
            } catch (IOException err) {
                e.error = (e.error == null ? "" : e.error + "; ") + "undoing it failed too: " + err.getMessage();
                return;
            }
        }
        e.done = 0;
    }

    private void rollBack(List<Entry> toWrite, CliClient first) {
        List<Entry> done = new ArrayList<>(toWrite.stream().filter(e -> e.result == Entry.Result.CREATED
                || e.result == Entry.Result.UPDATED).toList());
        java.util.Collections.reverse(done);
        done.sort(Comparator.comparingInt((Entry e) -> e.phase).reversed()); // stable: newest first per phase
        CliClient cli = first;
        try {
            if (lost.get() != null) {
                cli = connector.connect();
            }
            for (Entry e : done) {
                undo(e, cli);
                e.result = e.done == 0 ? Entry.Result.ROLLED_BACK : Entry.Result.FAILED;
            }
        } catch (IOException ex) {
            done.forEach(e -> e.error = "written, and could not be rolled back: " + ex.getMessage());
        } finally {
            if (cli != first) {
                closeQuietly(cli);
            }
        }
    }

    private Thread startProgress(int total) {
        if (progress == null || total < 2) {
            return null;
        }
        long t0 = System.nanoTime();
        return Thread.ofVirtual().name("import-progress").start(() -> {
            try {
                while (true) {
                    Thread.sleep(2000);
                    int n = written.get();
                    double s = (System.nanoTime() - t0) / 1e9;
                    progress.printf("import: %,d of %,d entries written (%,.0f/s)%n", n, total, n / s);
                    progress.flush();
                }
            } catch (InterruptedException e) {
                // done
            }
        });
    }

    private static void closeQuietly(CliClient c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
