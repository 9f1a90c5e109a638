package org.mailferry.migrate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import org.mailferry.imap.client.ImapCommandException;
import org.mailferry.imap.client.ImapConnection;
import org.mailferry.imap.client.ImapMailboxes;
import org.mailferry.imap.client.ImapProtocolException;
import org.mailferry.imap.client.ImapValue;
import org.mailferry.imap.client.ListEntry;
import org.mailferry.imap.client.ModifiedUtf7;

/**
 * One MoveIMAPMail run for one account: logs in to both servers, lists the source mailboxes (LIST with
 * --source as reference and --list as pattern), maps every name ({@link FolderMapper}), creates what the
 * target lacks, copies the folders with several workers (each its own connection pair, reconnecting up to
 * 5 times after a dropped connection), then copies subscriptions and ACLs and, with --verify, compares.
 * Returns an exit code from {@link ExitCodes}; everything not copied is in the {@link AccountReport}.
 */
public final class ImapMove {
    private static final int MAX_ATTEMPTS = 5;

    private final ImapMoveOptions o;
    private final PrintStream out, err;
    private final AccountReport report;
    private final Semaphore sourceSlots;

    /** @param sourceSlots connections this run may open to the source host (shared by MoveAccounts), or null */
    public ImapMove(ImapMoveOptions o, PrintStream out, PrintStream err, AccountReport report, Semaphore sourceSlots) {
        this.o = o;
        this.out = out;
        this.err = err;
        this.report = report;
        this.sourceSlots = sourceSlots;
    }

    /** The old server's POP3 UIDLs for INBOX (--source-pop), or null. */
    private PopUidlMatcher popUidls;

    public int run() throws MoverException, InterruptedException {
        NetOptions n = o.net();
        java.util.function.Consumer<String> progress = s -> {
            if (o.verbose()) out.println(s);
        };
        java.util.function.Consumer<String> warn = s -> {
            report.warning(s);
            if (!o.verbose()) err.println("warning: " + s); // --verbose lists every warning at the end
        };
        ImapEndpoint srcEnd = new ImapEndpoint(o.oldServer(), o.oldName(), o.oldPassword(), o.timeoutMillis(), true,
                n.sourceTls(), n.sourceAuth(), n.backoff(), progress, warn, new java.util.concurrent.atomic.AtomicBoolean(), n.sourceTokens());
        ImapEndpoint tgtEnd = new ImapEndpoint(o.newServer(), o.newName(), o.newPassword(), o.timeoutMillis(), false,
                n.targetTls(), n.targetAuth(), n.backoff(), progress, warn, new java.util.concurrent.atomic.AtomicBoolean(), n.targetTokens());
        if (sourceSlots != null) sourceSlots.acquire();
        int extraSlots = 0;
        Path jf = JournalFiles.file(JournalFiles.dir(o.journalDir()), "imap", o.oldServer(), o.oldName(), o.newServer(), o.newName());
        Path tmp = null;
        try (Conns main = new Conns(srcEnd, tgtEnd).open(); Journal journal = openJournal(jf)) {
            tmp = Files.createTempDirectory("mf-move");
            List<FolderCopier.Plan> plans = plan(main);
            report.folders.set(plans.size());
            if (o.dryRun()) {
                preflight(main, plans);
                return ExitCodes.OK;
            }
            createMissing(main.tgt, plans);
            if (o.sourcePop() != null) {
                if (main.tgt.has(org.mailferry.imap.proto.FidelityExtension.CAPABILITY)) {
                    // the old POP3 is read only when INBOX has something to give a UIDL to: a final pass over an
                    // unchanged INBOX whose copies all keep theirs costs it nothing
                    FolderCopier.Plan inbox = inboxPlan(plans);
                    long[] st = inbox == null ? null : ImapMailboxes.status(main.src, inbox.source()); // MESSAGES, UIDNEXT, UIDVALIDITY
                    if (inbox != null && (!earlierCopiesWithoutUidl(inbox, st[2], journal).isEmpty() || inboxMayHaveNew(inbox, st, journal))) {
                        popUidls = PopUidlMatcher.load(o.sourcePop(), o.oldName(), o.oldPassword(), n.sourceTls(), o.timeoutMillis(), progress);
                        popUidls.exclude(keptUidls(inbox, st[2], journal));
                    } else if (o.verbose()) {
                        out.println("INBOX: every copy keeps its POP3 UIDL already; the POP server is not asked");
                    }
                } else {
                    warn.accept("--source-pop: the target does not keep POP3 UIDLs (no " + org.mailferry.imap.proto.FidelityExtension.CAPABILITY
                            + "); POP clients will fetch the INBOX again");
                }
            }
            int workers = Math.max(1, Math.min(o.connections(), plans.size()));
            if (sourceSlots != null) {
                while (extraSlots < workers - 1 && sourceSlots.tryAcquire()) extraSlots++;
                workers = 1 + extraSlots;
            }
            copyAll(main, workers > 1 ? biggestFirst(main.src, plans) : plans, workers, srcEnd, tgtEnd, journal, tmp);
            if (popUidls != null && popUidls.taken() + popUidls.excluded() < popUidls.total()) keepUidlsOfEarlierCopies(main, plans, journal);
            if (popUidls != null) {
                String line = "INBOX: " + (popUidls.taken() + popUidls.excluded()) + " of " + popUidls.total() + " POP messages keep their UIDL";
                progress.accept(line);
                int left = popUidls.total() - popUidls.taken() - popUidls.excluded();
                if (left > 0) {
                    report.warning("INBOX: " + left + " POP messages were not matched to a message copied by this run (copied earlier,"
                            + " or their IMAP header differs); POP clients will fetch them again");
                }
            }
            if (!o.nosubscription()) copySubscriptions(main);
            if (!o.noACL()) copyAcls(main, plans);
            int code = report.hasProblems() ? ExitCodes.FINISHED_WITH_ERRORS : ExitCodes.OK;
            if (o.verify()) {
                Verifier v = new Verifier(o, out, report);
                boolean same = v.verify(main, plans, tmp);
                if (o.sourcePop() != null && o.targetPop() != null) same &= verifyUidls();
                if (!same && code == ExitCodes.OK) code = ExitCodes.VERIFY_DIFFERENCES;
            }
            return code;
        } catch (IOException | ImapProtocolException e) {
            throw new MoverException(ExitCodes.FINISHED_WITH_ERRORS, "connection lost: " + e.getMessage(), e);
        } catch (ImapCommandException e) {
            throw new MoverException(ExitCodes.FINISHED_WITH_ERRORS, e.getMessage(), e);
        } finally {
            if (sourceSlots != null) sourceSlots.release(1 + extraSlots);
            deleteTree(tmp);
        }
    }

    private static FolderCopier.Plan inboxPlan(List<FolderCopier.Plan> plans) {
        return plans.stream().filter(p -> p.source().equalsIgnoreCase("INBOX")).findFirst().orElse(null);
    }

    /** The INBOX copies (with a known target UID) whose POP3 UIDL no run has kept yet. */
    private static List<Journal.Copied> earlierCopiesWithoutUidl(FolderCopier.Plan inbox, long uv, Journal journal) {
        return journal.copied(inbox.source(), uv).stream().filter(x -> x.targetBox().equals(inbox.target()) && x.targetUid() > 0
                && journal.keptPopUidl(x.box(), x.uidValidity(), x.uid()) == null).toList();
    }

    /** The UIDLs that INBOX copies keep from earlier runs. */
    private static List<String> keptUidls(FolderCopier.Plan inbox, long uv, Journal journal) {
        List<String> out = new ArrayList<>();
        for (Journal.Copied x : journal.copied(inbox.source(), uv)) {
            String u = journal.keptPopUidl(x.box(), x.uidValidity(), x.uid());
            if (u != null) out.add(u);
        }
        return out;
    }

    /** Whether INBOX may hold messages no run has copied: no complete copy yet, or its UIDVALIDITY or UIDNEXT moved since. */
    private static boolean inboxMayHaveNew(FolderCopier.Plan inbox, long[] st, Journal journal) {
        Journal.FolderDone d = journal.folderDone(inbox.source());
        if (d == null || !d.targetBox().equals(inbox.target())) return true;
        return st[2] != d.uidValidity() || st[1] != d.uidNext() || st[1] == 0;
    }

    /**
     * --source-pop: the INBOX copies earlier runs made (a bulk copy without --source-pop) get the UIDLs this run's
     * copies did not take. Their headers are read on the target (UID FETCH BODY.PEEK[HEADER], by windows) and
     * matched like new copies; the UIDLs go to the target with Mailferry's XUIDL command (docs/imap.md).
     */
    private void keepUidlsOfEarlierCopies(Conns c, List<FolderCopier.Plan> plans, Journal journal) throws IOException, ImapCommandException {
        FolderCopier.Plan inbox = inboxPlan(plans);
        if (inbox == null) return;
        Map<Long, Journal.Copied> byTarget = new java.util.HashMap<>();
        for (Journal.Copied x : earlierCopiesWithoutUidl(inbox, ImapMailboxes.status(c.src, inbox.source())[2], journal)) {
            byTarget.put(x.targetUid(), x);
        }
        List<Long> earlier = byTarget.keySet().stream().sorted().toList();
        if (earlier.isEmpty()) return;
        ImapMailboxes.select(c.tgt, inbox.target(), false);
        int kept = 0;
        try {
            for (int from = 0; from < earlier.size(); from += 500) {
                List<Long> window = earlier.subList(from, Math.min(earlier.size(), from + 500));
                Map<Long, String> uidls = new LinkedHashMap<>();
                c.tgt.await(c.tgt.submitRaw("UID FETCH " + org.mailferry.imap.proto.SequenceSet.compact(
                        window.stream().mapToLong(Long::longValue).toArray()) + " (UID BODY.PEEK[HEADER])"), (len, in) -> {
                            byte[] b = in.readNBytes((int) Math.min(len, PopUidlMatcher.MAX_HEADER));
                            in.skipNBytes(len - b.length);
                            return b;
                        }, r -> {
                            if (!r.kind().equals("FETCH") || r.values().isEmpty()) return;
                            org.mailferry.imap.client.FetchItem f = org.mailferry.imap.client.FetchItem.of(r.number(), r.values().get(0));
                            if (f.uid() > 0 && f.body() instanceof byte[] header) {
                                try {
                                    String u = popUidls.takeHeader(header);
                                    if (u != null && org.mailferry.util.Uidls.valid(u)) uidls.put(f.uid(), u);
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            }
                        });
                if (uidls.isEmpty()) continue;
                StringBuilder cmd = new StringBuilder("XUIDL");
                uidls.forEach((uid, u) -> cmd.append(' ').append(uid).append(' ').append(org.mailferry.imap.client.ImapQuote.astring(u)));
                c.tgt.run(cmd.toString(), r -> { });
                for (Map.Entry<Long, String> e : uidls.entrySet()) {
                    Journal.Copied x = byTarget.get(e.getKey());
                    journal.popUidlKept(x.box(), x.uidValidity(), x.uid(), e.getValue());
                }
                kept += uidls.size();
            }
        } finally {
            if (c.tgt.has("UNSELECT")) c.tgt.run("UNSELECT", r -> { });
            else ImapMailboxes.select(c.tgt, inbox.target(), true);
        }
        report.popUidlsKept.addAndGet(kept);
        if (o.verbose() && kept > 0) out.printf("INBOX: %d messages copied by earlier runs now keep their UIDL too%n", kept);
    }

    /**
     * --dry-run: what a copy would do, without copying: per folder the target name, the messages and bytes on the
     * source (STATUS SIZE, RFC 8438, when offered), whether the target folder exists and holds messages already,
     * and the messages over the target's APPENDLIMIT (RFC 7889), which it would refuse (UID SEARCH LARGER on the
     * source), so that an admin sees before the move what would be listed as not copied.
     */
    private void preflight(Conns c, List<FolderCopier.Plan> plans) throws IOException, ImapCommandException {
        long limit = 0;
        for (String cap : c.tgt.capabilities()) {
            if (cap.startsWith("APPENDLIMIT=")) {
                try {
                    limit = Long.parseLong(cap.substring(12));
                } catch (NumberFormatException e) {
                    limit = 0; // a malformed limit: unknown
                }
            }
        }
        boolean sizes = c.src.has("STATUS=SIZE");
        Set<String> existing = new HashSet<>();
        for (ListEntry e : ImapMailboxes.list(c.tgt, "LIST", "", "*")) existing.add(e.isInbox() ? "INBOX" : e.name());
        long messages = 0, bytes = 0, over = 0;
        for (FolderCopier.Plan p : plans) {
            Map<String, Long> status = sizes ? ImapMailboxes.status(c.src, p.source(), "MESSAGES", "SIZE")
                    : ImapMailboxes.status(c.src, p.source(), "MESSAGES");
            long[] st = {status.getOrDefault("MESSAGES", -1L), status.getOrDefault("SIZE", -1L)};
            StringBuilder line = new StringBuilder(String.format("would copy %s -> %s: %d messages", p.display(), p.target(), st[0]));
            if (st[1] >= 0) line.append(", ").append(AccountReport.mb(st[1]));
            messages += Math.max(0, st[0]);
            bytes += Math.max(0, st[1]);
            String key = p.target().equalsIgnoreCase("INBOX") ? "INBOX" : p.target();
            if (!existing.contains(key)) {
                line.append("; new on the target");
            } else {
                long there = ImapMailboxes.status(c.tgt, p.target())[0];
                if (there > 0) line.append("; the target has ").append(there).append(" messages there");
            }
            if (limit > 0 && st[0] > 0) {
                ImapMailboxes.select(c.src, p.source(), true);
                List<Long> big = new ArrayList<>();
                c.src.run("UID SEARCH LARGER " + limit, r -> {
                    if (r.kind().equals("SEARCH")) for (ImapValue v : r.values()) big.add(Long.parseLong(ImapValue.text(v)));
                });
                if (!big.isEmpty()) {
                    over += big.size();
                    line.append("; ").append(big.size()).append(" over the target's APPENDLIMIT (").append(limit).append(" bytes), UIDs ")
                            .append(big.stream().limit(20).map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")))
                            .append(big.size() > 20 ? " ..." : "");
                }
            }
            out.println(line);
        }
        out.printf("would copy %d folders, %d messages%s%s%n", plans.size(), messages, sizes ? ", " + AccountReport.mb(bytes) : "",
                limit > 0 ? "; " + over + " over the target's APPENDLIMIT, which it would refuse" : "; the target announces no APPENDLIMIT");
    }

    /**
     * --verify with --source-pop and --target-pop: every UIDL the old server's POP3 shows must be shown by the new
     * one too (new mail on the target may add others), so that POP clients will fetch nothing again after the
     * cut-over. Differences are listed (at most 20) and make the run exit 112.
     */
    private boolean verifyUidls() throws MoverException {
        NetOptions n = o.net();
        List<String> before = PopUidlMatcher.uidls(o.sourcePop(), o.oldName(), o.oldPassword(), n.sourceTls(), o.timeoutMillis(), "--source-pop", true);
        List<String> after = PopUidlMatcher.uidls(o.targetPop(), o.newName(), o.newPassword(), n.targetTls(), o.timeoutMillis(), "--target-pop", false);
        Set<String> there = new HashSet<>(after);
        List<String> missing = before.stream().filter(u -> u != null && !there.contains(u)).toList();
        if (missing.isEmpty()) {
            out.printf("verify POP3 UIDLs: all %d of the old server's are on the new one: OK%n", before.size());
            return true;
        }
        out.printf("verify POP3 UIDLs: %d of the old server's %d are not on the new one (POP clients would fetch those messages again): %s%s%n",
                missing.size(), before.size(), String.join(", ", missing.subList(0, Math.min(20, missing.size()))), missing.size() > 20 ? " ..." : "");
        report.warning("POP3 UIDLs: " + missing.size() + " of the old server's are not on the new one");
        return false;
    }

    private static Journal openJournal(Path jf) throws MoverException {
        try {
            return Journal.open(jf);
        } catch (IOException e) {
            throw new MoverException(ExitCodes.INTERNAL, "journal: " + e.getMessage(), e);
        }
    }

    /** LIST on the source, filters (\Noselect, --skipMailbox, --subscribed) and the name mapping. */
    List<FolderCopier.Plan> plan(Conns c) throws IOException, ImapCommandException {
        ImapMailboxes.Namespace srcNs = ImapMailboxes.personalNamespace(c.src);
        ImapMailboxes.Namespace tgtNs = ImapMailboxes.personalNamespace(c.tgt);
        String reference = o.source() == null ? "" : o.source();
        String pattern = o.list() == null ? "*" : o.list();
        List<ListEntry> entries = new ArrayList<>(ImapMailboxes.list(c.src, "LIST", reference, pattern));
        if (o.list() == null && o.source() == null && entries.stream().noneMatch(ListEntry::isInbox)) {
            entries.addAll(0, ImapMailboxes.list(c.src, "LIST", "", "INBOX"));
        }
        Set<String> subscribed = new HashSet<>();
        if (o.subscribed()) for (ListEntry e : ImapMailboxes.list(c.src, "LSUB", reference, pattern)) subscribed.add(e.name());
        Character srcSep = srcNs.separator();
        for (ListEntry e : entries) if (e.separator() != null) { srcSep = e.separator(); break; }
        FolderMapper mapper = new FolderMapper(srcSep, o.source() != null ? o.source() : srcNs.prefix(), tgtNs.separator(),
                o.target() != null ? o.target() : tgtNs.prefix(), o.target() != null);
        this.mapper = mapper;
        Map<String, String> roleTargets = o.automap()
                ? SpecialUse.targets(ImapMailboxes.list(c.tgt, "LIST", "", "*"), tgtNs.prefix(), tgtNs.separator()) : Map.of();
        String srcPrefix = o.source() != null ? o.source() : srcNs.prefix();
        Set<String> automapped = new HashSet<>(), usedMaps = new HashSet<>();
        Map<String, FolderCopier.Plan> byTarget = new LinkedHashMap<>();
        List<FolderCopier.Plan> plans = new ArrayList<>();
        for (ListEntry e : entries) {
            if (!e.selectable()) continue;
            String display = ModifiedUtf7.decodeLenient(e.name());
            if (skipped(e.name(), display)) {
                if (o.verbose()) out.printf("%s: skipped (--skipMailbox)%n", display);
                continue;
            }
            java.util.regex.Pattern ex = o.excludes().stream().filter(x -> x.matcher(display).find()).findFirst().orElse(null);
            if (ex != null) {
                if (o.verbose()) out.printf("%s: skipped (--exclude %s)%n", display, ex.pattern());
                continue;
            }
            if (o.subscribed() && !subscribed.contains(e.name()) && !e.isInbox()) continue;
            String target = mapper.map(e.name());
            boolean auto = false;
            String mapped = o.folderMap().get(display);
            if (mapped != null) {
                target = mapped.equalsIgnoreCase("INBOX") ? "INBOX" : ModifiedUtf7.encode(mapped);
                usedMaps.add(display);
                auto = true; // an explicit target: several sources mapped to it are merged, as with --automap
                if (o.verbose()) out.printf("%s: copied into %s (--map)%n", display, mapped);
            } else if (o.automap()) {
                String role = SpecialUse.role(e, SpecialUse.below(display, srcPrefix), srcSep);
                String t = role == null ? null : roleTargets.get(role);
                if (t != null) {
                    if (!t.equals(target) && o.verbose()) out.printf("%s: %s, copied into %s (--automap)%n", display, role, ModifiedUtf7.decodeLenient(t));
                    target = t;
                    auto = true;
                }
            }
            String key = target.equalsIgnoreCase("INBOX") ? "INBOX" : target;
            if (byTarget.containsKey(key) && (auto || automapped.contains(key))) {
                // a special folder and a folder of the name the target uses for it: both go into the target's one
                FolderCopier.Plan first = byTarget.get(key);
                int i = plans.indexOf(first);
                plans.set(i, new FolderCopier.Plan(first.source(), first.target(), first.display(), true));
                byTarget.put(key, plans.get(i));
                if (auto) automapped.add(key);
                if (o.verbose()) out.printf("%s: copied into %s with %s%n", display, ModifiedUtf7.decodeLenient(target), first.display());
                plans.add(new FolderCopier.Plan(e.name(), target, display, true));
                continue;
            }
            if (auto) automapped.add(key);
            if (byTarget.containsKey(key)) {
                String base = target;
                for (int n = 2; byTarget.containsKey(key); n++) key = target = base + ModifiedUtf7.encode(" (" + n + ")");
                report.warning(display + ": its target name is taken by " + byTarget.get(base.equalsIgnoreCase("INBOX") ? "INBOX" : base).display()
                        + "; copied to " + ModifiedUtf7.decodeLenient(target));
            }
            FolderCopier.Plan p = new FolderCopier.Plan(e.name(), target, display);
            byTarget.put(key, p);
            if (e.isInbox()) plans.add(0, p);
            else plans.add(p);
        }
        for (String m : o.folderMap().keySet()) {
            if (usedMaps.contains(m)) continue;
            String w = "--map " + m + "=...: the source lists no folder of that name (nothing copied into " + o.folderMap().get(m) + ")";
            report.warning(w);
            if (!o.verbose()) err.println("warning: " + w); // --verbose lists every warning at the end
        }
        return plans;
    }

    private FolderMapper mapper;

    private boolean skipped(String raw, String display) {
        for (String s : o.skipMailbox()) {
            if (s.equals(raw) || s.equals(display)) return true;
            if (s.equalsIgnoreCase("INBOX") && raw.equalsIgnoreCase("INBOX")) return true;
        }
        return false;
    }

    private void createMissing(ImapConnection tgt, List<FolderCopier.Plan> plans) throws IOException, ImapCommandException {
        Set<String> existing = new HashSet<>();
        for (ListEntry e : ImapMailboxes.list(tgt, "LIST", "", "*")) existing.add(e.isInbox() ? "INBOX" : e.name());
        for (FolderCopier.Plan p : new ArrayList<>(plans)) {
            String key = p.target().equalsIgnoreCase("INBOX") ? "INBOX" : p.target();
            if (existing.contains(key)) continue;
            try {
                ImapMailboxes.create(tgt, p.target());
                existing.add(key);
                if (o.verbose()) out.printf("created %s%n", ModifiedUtf7.decodeLenient(p.target()));
            } catch (ImapCommandException e) {
                // a parent created implicitly may make CREATE of an existing name fail: check before giving up
                if (!ImapMailboxes.list(tgt, "LIST", "", p.target()).isEmpty()) continue;
                report.error(p.display() + ": cannot create " + ModifiedUtf7.decodeLenient(p.target()) + " on the target: "
                        + e.completion().describe());
                plans.remove(p);
            }
        }
    }

    /**
     * The folders in the order several workers finish soonest: most messages first (so no big folder is
     * left to one connection at the end), by STATUS on the source; LIST order among equals.
     */
    private List<FolderCopier.Plan> biggestFirst(ImapConnection src, List<FolderCopier.Plan> plans) throws IOException {
        Map<FolderCopier.Plan, Long> count = new java.util.HashMap<>();
        for (FolderCopier.Plan p : plans) {
            try {
                count.put(p, ImapMailboxes.status(src, p.source())[0]);
            } catch (ImapCommandException e) {
                count.put(p, 0L); // SELECT will report what is wrong with it
            }
        }
        List<FolderCopier.Plan> sorted = new ArrayList<>(plans);
        sorted.sort(java.util.Comparator.comparing(count::get).reversed());
        return sorted;
    }

    private void copyAll(Conns main, List<FolderCopier.Plan> plans, int workers, ImapEndpoint srcEnd, ImapEndpoint tgtEnd,
                         Journal journal, Path tmp) throws InterruptedException {
        ConcurrentLinkedQueue<FolderCopier.Plan> queue = new ConcurrentLinkedQueue<>(plans);
        FolderCopier copier = new FolderCopier(o, journal, report, out, tmp);
        copier.popUidls = popUidls;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            boolean first = w == 0;
            // platform threads, not virtual ones: a JVM whose virtual threads did socket I/O waits ~0.3 s at exit
            // for the JDK's poller thread (docs/adr/0007-movers-platform-threads.md); a mover has few connections
            threads.add(Thread.ofPlatform().daemon().name("worker-" + w).start(() -> {
                Conns c = first ? main : new Conns(srcEnd, tgtEnd);
                try {
                    if (!first) c.open();
                    FolderCopier.Plan p;
                    while ((p = queue.poll()) != null) copyWithRetries(c, copier, p);
                } catch (MoverException e) {
                    report.error("worker: " + e.getMessage());
                    // another worker takes the remaining folders
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (!first) c.close();
                }
            }));
        }
        for (Thread t : threads) t.join();
        for (FolderCopier.Plan p : queue) report.error(p.display() + ": not copied (no working connection left)");
    }

    private void copyWithRetries(Conns c, FolderCopier copier, FolderCopier.Plan p) throws MoverException, InterruptedException {
        for (int attempt = 1, waits = 0; ; attempt++) {
            try {
                copier.copy(c, p);
                return;
            } catch (ImapCommandException e) {
                // [THROTTLED], [UNAVAILABLE], [INUSE] (e.g. on SELECT or FETCH): wait, reconnect, resume from the journal
                if (Backoff.temporary(e.completion(), false) && waits < o.net().backoff().retries()) {
                    waits++;
                    if (o.verbose()) out.printf("%s: %s; %s%n", p.display(), e.getMessage(), o.net().backoff().describe(waits));
                    o.net().backoff().await(waits);
                    attempt--;
                    c.reopen();
                    continue;
                }
                report.error(p.display() + ": " + e.getMessage());
                return;
            } catch (IOException | ImapProtocolException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    report.error(p.display() + ": gave up after " + attempt + " connection failures: " + e.getMessage());
                    c.reopen();
                    return;
                }
                if (o.verbose()) out.printf("%s: connection failed (%s); reconnecting%n", p.display(), e.getMessage());
                report.warning(p.display() + ": reconnected after: " + e.getMessage());
                Thread.sleep(200L * attempt);
                c.reopen();
            }
        }
    }

    private void copySubscriptions(Conns c) throws IOException {
        try {
            String reference = o.source() == null ? "" : o.source();
            String pattern = o.list() == null ? "*" : o.list();
            for (ListEntry e : ImapMailboxes.list(c.src, "LSUB", reference, pattern)) {
                String display = ModifiedUtf7.decodeLenient(e.name());
                if (skipped(e.name(), display)) continue;
                try {
                    ImapMailboxes.subscribe(c.tgt, mapper.map(e.name()));
                } catch (ImapCommandException x) {
                    report.error("subscription " + display + ": " + x.completion().describe());
                }
            }
        } catch (ImapCommandException e) {
            report.error("cannot read the source's subscriptions: " + e.completion().describe());
        }
    }

    private void copyAcls(Conns c, List<FolderCopier.Plan> plans) throws IOException {
        if (!c.src.has("ACL") || !c.tgt.has("ACL")) {
            if (c.src.has("ACL") && o.verbose()) out.println("ACLs not copied: the target server has no ACL support");
            return;
        }
        for (FolderCopier.Plan p : plans) {
            try {
                for (String[] acl : ImapMailboxes.getAcl(c.src, p.source())) {
                    String id = acl[0];
                    if (id.equals(o.oldName()) || id.toLowerCase(Locale.ROOT).startsWith("owner")) continue; // the owner's own rights
                    try {
                        ImapMailboxes.setAcl(c.tgt, p.target(), id, acl[1]);
                    } catch (ImapCommandException x) {
                        report.error(p.display() + ": ACL for " + id + " (" + acl[1] + "): " + x.completion().describe());
                    }
                }
            } catch (ImapCommandException e) {
                report.warning(p.display() + ": cannot read its ACL: " + e.completion().describe());
            }
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null) return;
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files stay
        }
    }
}
