package org.mailferry.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.mailferry.imap.client.FetchItem;
import org.mailferry.imap.client.ImapCommandException;
import org.mailferry.imap.client.ImapCompletion;
import org.mailferry.imap.client.ImapConnection;
import org.mailferry.imap.client.ImapMailboxes;
import org.mailferry.imap.client.SelectInfo;
import org.mailferry.imap.proto.FidelityExtension;

/**
 * Copies one source mailbox into one target mailbox over a worker's connection pair.
 *
 * <p>A reader thread walks the source in windows of 1,000 messages (FETCH UID FLAGS INTERNALDATE
 * RFC822.SIZE), leaves out what the journal has, and fetches the rest in batches (at most 200 messages or
 * 4 MB; a bigger message alone) with one {@code UID FETCH ... BODY.PEEK[]} per batch, each body streamed to
 * a {@link Spool}. The calling thread appends batch k while the reader fetches batch k+1: intents are
 * fsync'ed, the batch goes as one MULTIAPPEND when the target offers it (else as pipelined APPENDs; LITERAL+
 * when offered), then the outcomes are journaled and fsync'ed. A refused MULTIAPPEND stored nothing (RFC
 * 3502) and is sent again one message at a time, so each refusal names its message. A refused message is retried without keywords, or after the --fixLongLines treatment, and
 * otherwise listed with the server's reason. Connection failures propagate as {@link IOException}; the
 * caller reconnects and calls again, and the journal makes the second call resume exactly.
 */
final class FolderCopier {
    static final int WINDOW = 1000, BATCH_COUNT = 200, MEMORY_SPOOL = 128 * 1024;
    static final long BATCH_BYTES = 4L * 1024 * 1024;

    /** One folder to copy: raw source and target names and the decoded name shown to the operator. */
    /** A source folder and its target; {@code shared}: other source folders go into the same target (--automap). */
    record Plan(String source, String target, String display, boolean shared) {
        Plan(String source, String target, String display) {
            this(source, target, display, false);
        }
    }

    private record Item(FetchItem meta, Spool spool) { }

    private sealed interface Step { }

    private record Batch(List<Item> items) implements Step { }

    private record End() implements Step { }

    private record Failure(Throwable error) implements Step { }

    private final ImapMoveOptions o;
    private final Journal journal;
    private final AccountReport report;
    private final PrintStream out;
    private final Path tmp;
    /** Target mailboxes whose copy keeps the source's UIDs: counted once however often a copy resumes. */
    private final java.util.Set<String> keptFolders = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The old server's POP3 UIDLs for INBOX (MoveIMAPMail --source-pop), or null. */
    PopUidlMatcher popUidls;

    FolderCopier(ImapMoveOptions o, Journal journal, AccountReport report, PrintStream out, Path tmp) {
        this.o = o;
        this.journal = journal;
        this.report = report;
        this.out = out;
        this.tmp = tmp;
    }

    /** Copies the folder; afterwards (with --delete) deletes the copied messages from the source. */
    void copy(Conns c, Plan p) throws IOException, ImapCommandException, InterruptedException {
        boolean interrupted = !journal.pendingFor(p.target()).isEmpty();
        int recovered = PendingRecovery.resolve(c.tgt, p.target(), journal);
        if (recovered > 0 && o.verbose()) out.printf("%s: %d messages of an interrupted run found on the target%n", p.display(), recovered);
        // a delta (docs/movers.md, "Rerun"): what changed since the folder's last complete copy
        Journal.FolderDone last = o.delete() ? null : journal.folderDone(p.source());
        if (last != null && !last.targetBox().equals(p.target())) last = null;
        long[] st = last != null || c.src.has("CONDSTORE") ? ImapMailboxes.status(c.src, p.source()) // MESSAGES, UIDNEXT, UIDVALIDITY, HIGHESTMODSEQ
                : new long[4];
        long modSeq = st[3];
        boolean noNewMessages = last != null && !interrupted && st[1] > 0 && st[2] == last.uidValidity() && st[1] == last.uidNext();
        if (noNewMessages && modSeq > 0 && modSeq == last.highestModSeq()) {
            int there = journal.copiedCount(p.source(), last.uidValidity());
            report.alreadyThere.addAndGet(there);
            if (o.verbose()) out.printf("%s: nothing new since the last run (UIDNEXT %d, HIGHESTMODSEQ %d, %d messages copied before)%n",
                    p.display(), last.uidNext(), modSeq, there);
            return;
        }
        SelectInfo sel = ImapMailboxes.select(c.src, p.source(), !o.delete());
        long uv = sel.uidValidity();
        boolean keep = keepUids(c.tgt, p, uv);
        if (o.verbose()) {
            out.printf("%s -> %s: %d messages%n", p.display(), org.mailferry.imap.client.ModifiedUtf7.decodeLenient(p.target()), sel.exists());
        }
        long targetUv = 0;
        if (sel.exists() > 0) {
            // with the target mailbox selected read-write, servers (Dovecot) keep it open across the APPENDs
            // (unselected: each APPEND opens it; read-only: Dovecot re-reads the Maildir, both slower as the
            // folder grows). Its UIDNEXT now is below every UID our APPENDs get: the first batch's watermark.
            SelectInfo t = ImapMailboxes.select(c.tgt, p.target(), false);
            long[] mark = {t.uidNext(), t.uidValidity()};
            if (mark[0] == 0) {
                long[] ts = ImapMailboxes.status(c.tgt, p.target());
                mark = new long[] {ts[1], ts[2]};
            }
            targetUv = mark[1];
            try {
                if (noNewMessages && uv == last.uidValidity()) {
                    if (o.verbose()) out.printf("%s: no new messages since the last run; checking flags%n", p.display());
                    report.alreadyThere.addAndGet(journal.copiedCount(p.source(), uv));
                } else {
                    transfer(c, p, sel, mark[0], mark[1], keep);
                }
                if (last != null && last.uidValidity() == uv && last.targetUidValidity() > 0 && last.targetUidValidity() == targetUv) {
                    syncFlags(c.src, c.tgt, p, sel, t, modSeq > 0 ? last.highestModSeq() : 0);
                }
            } finally {
                // never CLOSE a read-write selection: it would expunge copies flagged \Deleted
                if (c.tgt != null) {
                    if (c.tgt.has("UNSELECT")) c.tgt.run("UNSELECT", r -> { });
                    else ImapMailboxes.select(c.tgt, p.target(), true);
                }
            }
        }
        if (sel.uidNext() > 0 && journal.pendingFor(p.target()).isEmpty() && !filtered.contains(p.source())
                && report.skipped().stream().noneMatch(s -> s.folder().equals(p.display()))) {
            journal.folderDone(new Journal.FolderDone(p.source(), uv, sel.uidNext(), p.target(), modSeq, targetUv));
        }
        journal.sync();
        if (o.delete()) deleteCopied(c.src, p, uv);
    }

    /**
     * Gives the copies of messages copied by earlier runs the flags their originals have now (the source wins: a
     * migration's target is not in use yet), so that what users read, answered or flagged on the old server
     * between the first copy and the final pass shows on the new one. With CONDSTORE ({@code changedSince} > 0)
     * only the messages whose flags changed since the last complete copy are fetched (RFC 7162 CHANGEDSINCE);
     * otherwise all of them, window by window. Keywords are left out when the target takes none. A STORE the
     * target refuses is a warning.
     */
    private void syncFlags(ImapConnection src, ImapConnection tgt, Plan p, SelectInfo sel, SelectInfo t, long changedSince)
            throws IOException, ImapCommandException {
        Map<Long, Long> targetOf = new HashMap<>();
        for (Journal.Copied c : journal.copied(p.source(), sel.uidValidity())) {
            if (c.targetBox().equals(p.target()) && c.targetUid() > 0) targetOf.put(c.uid(), c.targetUid());
        }
        if (targetOf.isEmpty()) return;
        boolean keywords = t.keywordsAllowed();
        int updated = 0;
        for (long lo = 1; lo <= sel.exists(); lo += WINDOW) {
            long hi = Math.min(sel.exists(), lo + WINDOW - 1);
            java.util.TreeMap<Long, List<String>> want = new java.util.TreeMap<>();
            src.run("FETCH " + lo + ":" + hi + " (UID FLAGS)" + (changedSince > 0 ? " (CHANGEDSINCE " + changedSince + ")" : ""), r -> {
                if (!r.kind().equals("FETCH") || r.values().isEmpty()) return;
                FetchItem f = FetchItem.of(r.number(), r.values().get(0));
                Long tuid = targetOf.get(f.uid());
                if (tuid != null && f.flags() != null) {
                    want.put(tuid, flags(f.flags()).stream().filter(x -> keywords || x.startsWith("\\")).toList());
                }
            });
            if (want.isEmpty()) continue;
            Map<Long, List<String>> have = new HashMap<>();
            tgt.run("UID FETCH " + org.mailferry.imap.proto.SequenceSet.compact(want.keySet().stream().mapToLong(Long::longValue).toArray())
                    + " (UID FLAGS)", r -> {
                if (!r.kind().equals("FETCH") || r.values().isEmpty()) return;
                FetchItem f = FetchItem.of(r.number(), r.values().get(0));
                if (f.uid() > 0 && f.flags() != null) have.put(f.uid(), f.flags());
            });
            Map<String, Long> tags = new LinkedHashMap<>();
            for (Map.Entry<Long, List<String>> e : want.entrySet()) {
                List<String> now = have.get(e.getKey());
                if (now == null || sameFlags(now, e.getValue())) continue; // gone from the target, or already right
                tags.put(tgt.submitRaw("UID STORE " + e.getKey() + " FLAGS.SILENT (" + String.join(" ", e.getValue()) + ")"), e.getKey());
            }
            for (Map.Entry<String, Long> e : tags.entrySet()) {
                ImapCompletion c = tgt.await(e.getKey(), null, r -> { });
                if (c.ok()) updated++;
                else report.warning(p.display() + ": flags of target UID " + e.getValue() + " not updated: " + c.describe());
            }
        }
        report.flagsUpdated.addAndGet(updated);
        if (o.verbose() && updated > 0) out.printf("%s: flags updated on %d messages%n", p.display(), updated);
    }

    /** The same flags, whatever the order; system flags compared without regard to case, \Recent left out. */
    static boolean sameFlags(List<String> a, List<String> b) {
        return normalised(a).equals(normalised(b));
    }

    private static java.util.Set<String> normalised(List<String> flags) {
        java.util.Set<String> s = new java.util.HashSet<>();
        for (String f : flags) {
            if (f.equalsIgnoreCase("\\Recent")) continue;
            s.add(f.startsWith("\\") ? f.toLowerCase(java.util.Locale.ROOT) : f);
        }
        return s;
    }

    /**
     * Whether this folder keeps the source's UIDVALIDITY and UIDs: the option is on, the target offers
     * X-MAILFERRY-UIDS (docs/imap.md) and its mailbox is new or empty (then given the source's UIDVALIDITY) or
     * already has it (a resumed run). Otherwise the copy gets the target's own UIDs, as with any server.
     */
    private boolean keepUids(ImapConnection tgt, Plan p, long uv) throws IOException {
        if (!o.keepUIDs() || uv <= 0 || !tgt.has(FidelityExtension.CAPABILITY)) return false;
        if (p.shared()) {
            if (o.verbose()) out.printf("%s: UIDs not kept (other folders are copied into %s too)%n", p.display(), p.target());
            return false;
        }
        String why;
        try {
            long[] st = ImapMailboxes.status(tgt, p.target());
            if (st[2] != uv) {
                if (st[0] != 0) {
                    keptFolders.remove(p.target());
                    why = "target mailbox holds " + st[0] + " messages";
                    if (o.verbose()) out.printf("%s: UIDs not kept (%s)%n", p.display(), why);
                    return false;
                }
                ImapMailboxes.createWithUidValidity(tgt, p.target(), uv);
            }
        } catch (ImapCommandException e) {
            keptFolders.remove(p.target());
            if (o.verbose()) out.printf("%s: UIDs not kept (target: %s)%n", p.display(), e.getMessage());
            return false;
        }
        if (keptFolders.add(p.target())) report.foldersWithUidsKept.incrementAndGet();
        if (o.verbose()) out.printf("%s: UIDs kept (UIDVALIDITY %d)%n", p.display(), uv);
        return true;
    }

    private void transfer(Conns c, Plan p, SelectInfo sel, long watermark, long tuv, boolean keep)
            throws IOException, ImapCommandException, InterruptedException {
        Map<String, Integer> credits = credits(p.source(), sel.uidValidity());
        BlockingQueue<Step> queue = new ArrayBlockingQueue<>(1);
        ImapConnection src = c.src;
        Thread reader = Thread.ofPlatform().daemon().name("fetch " + p.display()).start(() -> {
            try {
                read(src, p, sel, queue);
                queue.put(new End());
            } catch (Throwable t) {
                try {
                    queue.put(new Failure(t));
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        long done = 0;
        boolean finished = false;
        long[] mark = {watermark};
        try {
            while (true) {
                Step s = queue.take();
                if (s instanceof End) {
                    finished = true;
                    break;
                }
                if (s instanceof Failure f) {
                    switch (f.error()) {
                        case IOException e -> throw e;
                        case ImapCommandException e -> throw e;
                        case RuntimeException e -> throw e;
                        case Error e -> throw e;
                        default -> throw new IOException(f.error());
                    }
                }
                Batch b = (Batch) s;
                try {
                    append(c.tgt, p, sel.uidValidity(), b.items(), credits, mark, tuv, keep);
                } finally {
                    for (Item i : b.items()) i.spool().close();
                }
                done += b.items().size();
                if (o.verbose()) out.printf("%s: %d messages copied%n", p.display(), done);
            }
        } finally {
            if (finished) {
                reader.join();
            } else if (reader.isAlive()) {
                src.close(); // unblocks the reader; the caller reconnects
                reader.interrupt();
                Step s;
                while ((s = queue.poll()) != null || reader.isAlive()) {
                    if (s instanceof Batch b) for (Item i : b.items()) i.spool().close();
                    if (s == null) Thread.sleep(5);
                }
            }
        }
    }

    /** Source folders of which this run left messages out (--maxsize, --maxage, --minage): not complete. */
    private final java.util.Set<String> filtered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.time.Instant now = java.time.Instant.now();

    /** The reader: metadata windows, journal filter, batched body fetches. */
    private void read(ImapConnection src, Plan p, SelectInfo sel, BlockingQueue<Step> queue)
            throws IOException, ImapCommandException, InterruptedException {
        for (long lo = 1; lo <= sel.exists(); lo += WINDOW) {
            long hi = Math.min(sel.exists(), lo + WINDOW - 1);
            List<FetchItem> todo = new ArrayList<>();
            src.run("FETCH " + lo + ":" + hi + " (UID FLAGS INTERNALDATE RFC822.SIZE)", r -> {
                if (r.kind().equals("FETCH") && !r.values().isEmpty()) {
                    FetchItem f = FetchItem.of(r.number(), r.values().get(0));
                    if (f.uid() > 0 && f.flags() != null) {
                        if (journal.isCopied(p.source(), sel.uidValidity(), f.uid())) {
                            report.alreadyThere.incrementAndGet();
                        } else if (o.filter().excludes(f.size(), f.internalDate(), now) != null) {
                            report.excluded.incrementAndGet();
                            filtered.add(p.source());
                        } else {
                            todo.add(f);
                        }
                    }
                }
            });
            List<FetchItem> group = new ArrayList<>();
            long bytes = 0;
            for (FetchItem f : todo) {
                long size = Math.max(0, f.size());
                if (!group.isEmpty() && (group.size() >= BATCH_COUNT || bytes + size > BATCH_BYTES || o.byOne())) {
                    queue.put(new Batch(fetchBodies(src, group, p)));
                    group = new ArrayList<>();
                    bytes = 0;
                }
                group.add(f);
                bytes += size;
            }
            if (!group.isEmpty()) queue.put(new Batch(fetchBodies(src, group, p)));
        }
    }

    private List<Item> fetchBodies(ImapConnection src, List<FetchItem> group, Plan p) throws IOException, ImapCommandException {
        Map<Long, Spool> bodies = new HashMap<>();
        String att = o.fetchRFC822() ? "RFC822.PEEK" : "BODY.PEEK[]";
        try {
            String tag = src.submitRaw("UID FETCH " + uidSet(group) + " (UID " + att + ")");
            ImapCompletion done = src.await(tag, (len, in) -> Spool.of(in, len, MEMORY_SPOOL, tmp), r -> {
                if (!r.kind().equals("FETCH") || r.values().isEmpty()) return;
                FetchItem f = FetchItem.of(r.number(), r.values().get(0));
                if (f.body() instanceof Spool s) {
                    Spool old = bodies.put(f.uid(), s);
                    if (old != null) old.close();
                }
            });
            if (!done.ok()) throw new ImapCommandException("UID FETCH (bodies) in " + p.display(), done);
        } catch (IOException | ImapCommandException | RuntimeException e) {
            bodies.values().forEach(Spool::close);
            throw e;
        }
        List<Item> items = new ArrayList<>();
        for (FetchItem f : group) {
            Spool s = bodies.remove(f.uid());
            if (s == null) report.warning(p.display() + ": message UID " + f.uid() + " vanished from the source during the copy");
            else items.add(new Item(f, s));
        }
        bodies.values().forEach(Spool::close);
        return items;
    }

    /** The UIDL on the old POP server of an INBOX message (--source-pop, a target that keeps UIDLs), or null. */
    private String popUidl(ImapConnection tgt, Plan p, Spool original) throws IOException {
        if (popUidls == null || !p.source().equalsIgnoreCase("INBOX") || !tgt.has(FidelityExtension.CAPABILITY)) return null;
        return popUidls.take(original);
    }

    static String uidSet(List<FetchItem> group) {
        StringBuilder sb = new StringBuilder();
        long start = -1, prev = -1;
        for (FetchItem f : group) {
            long u = f.uid();
            if (start < 0) {
                start = prev = u;
            } else if (u == prev + 1) {
                prev = u;
            } else {
                sb.append(sb.isEmpty() ? "" : ",").append(start == prev ? String.valueOf(start) : start + ":" + prev);
                start = prev = u;
            }
        }
        sb.append(sb.isEmpty() ? "" : ",").append(start == prev ? String.valueOf(start) : start + ":" + prev);
        return sb.toString();
    }

    /** Hashes copied under an earlier UIDVALIDITY of this source mailbox, not yet re-keyed: copies that exist. */
    private Map<String, Integer> credits(String box, long uv) {
        Map<String, Integer> credits = new HashMap<>();
        List<Journal.Copied> old = journal.copiedUnderOtherUidValidity(box, uv);
        if (old.isEmpty()) return credits;
        for (Journal.Copied c : old) credits.merge(c.sha(), 1, Integer::sum);
        for (Journal.Copied c : journal.copied(box, uv)) credits.computeIfPresent(c.sha(), (k, v) -> v > 1 ? v - 1 : null);
        report.warning("UIDVALIDITY of " + box + " changed: matching by content instead of UID");
        return credits;
    }

    /** A message on its way to the target; {@code popUidl}: its UIDL on the old POP server to keep (X-UIDL), or null. */
    private record Sent(Item item, Spool content, String targetSha, List<String> flags, String tag, String popUidl) { }

    /**
     * One batch: intents, one fsync (which also makes the previous batch's outcomes durable; an outcome
     * lost in a crash is recovered from its intent), the pipelined APPENDs, then the outcomes.
     */
    private void append(ImapConnection tgt, Plan p, long uv, List<Item> items, Map<String, Integer> credits, long[] mark, long tuv,
            boolean keep)
            throws IOException {
        // the lowest UID this batch can get: after APPENDUIDs, above the highest one (recovery then reads one batch)
        long watermark = mark[0];
        List<Sent> sent = new ArrayList<>();
        List<Spool> fixed = new ArrayList<>();
        try {
            for (Item i : items) {
                String sha = i.spool().sha256Hex();
                Integer credit = credits.get(sha);
                if (credit != null && credit > 0) {
                    credits.put(sha, credit - 1);
                    journal.copied(new Journal.Copied(p.source(), uv, i.meta().uid(), sha, sha, p.target(), 0, 0));
                    report.alreadyThere.incrementAndGet();
                    continue;
                }
                Spool content = i.spool();
                if (o.fixLongLines() > 0 && content.longestLine() > o.fixLongLines()) {
                    content = fixed(content);
                    fixed.add(content);
                }
                String tsha = content.sha256Hex();
                journal.intent(new Journal.Intent(p.source(), uv, i.meta().uid(), sha, tsha, content.size(), p.target(), tuv, watermark));
                sent.add(new Sent(i, content, tsha, flags(i.meta().flags()), null, popUidl(tgt, p, i.spool())));
            }
            if (sent.isEmpty()) return;
            journal.sync();
            if (sent.size() > 1 && tgt.has("MULTIAPPEND") && !o.byOne() && multiAppend(tgt, p, uv, sent, mark, watermark, keep)) return;
            List<Sent> tagged = new ArrayList<>(sent.size());
            for (Sent s : sent) {
                try (InputStream in = s.content().open()) {
                    String tag = tgt.append(p.target(), s.flags(), s.item().meta().internalDate(), keep ? s.item().meta().uid() : 0,
                            s.popUidl(), s.content().size(), in);
                    tagged.add(new Sent(s.item(), s.content(), s.targetSha(), s.flags(), tag, s.popUidl()));
                }
            }
            tgt.flush();
            for (Sent s : tagged) {
                ImapCompletion c = tgt.await(s.tag(), null, r -> { });
                long tuid = c.ok() ? copied(p, uv, s, appendUid(tgt, c), watermark) : retry(tgt, p, uv, s, c, watermark, fixed);
                if (tuid > 0) mark[0] = Math.max(mark[0], tuid + 1);
            }
        } finally {
            fixed.forEach(Spool::close);
        }
    }

    /**
     * The batch as one MULTIAPPEND (RFC 3502): one command and, on servers that commit it as one transaction
     * (Dovecot, Mailferry), one index update and one fsync instead of one per message. Returns false when
     * the server refused it: nothing was stored, and the caller sends the messages one by one, so that a
     * refusal names the message and its reason.
     */
    private boolean multiAppend(ImapConnection tgt, Plan p, long uv, List<Sent> sent, long[] mark, long watermark, boolean keep)
            throws IOException {
        List<ImapConnection.AppendPart> parts = new ArrayList<>(sent.size());
        for (Sent s : sent) {
            parts.add(new ImapConnection.AppendPart(s.flags(), s.item().meta().internalDate(), keep ? s.item().meta().uid() : 0,
                    s.popUidl(), s.content().size(), s.content()::open));
        }
        ImapCompletion c = tgt.await(tgt.multiAppend(p.target(), parts), null, r -> { });
        Backoff backoff = o.net().backoff();
        for (int attempt = 1; Backoff.temporary(c, false) && attempt <= backoff.retries(); attempt++) {
            // [THROTTLED], [UNAVAILABLE], [INUSE], a lock time-out: wait and send the batch again (Backoff)
            if (o.verbose()) out.printf("%s: %d messages: %s; %s%n", p.display(), sent.size(), c.describe(), backoff.describe(attempt));
            backoff.pause(attempt);
            c = tgt.await(tgt.multiAppend(p.target(), parts), null, r -> { });
        }
        if (!c.ok()) {
            if (o.verbose()) out.printf("%s: MULTIAPPEND of %d messages refused (%s); appending one by one%n", p.display(), sent.size(), c.describe());
            return false;
        }
        long[] uids = appendUids(tgt, c, sent.size());
        for (int i = 0; i < sent.size(); i++) {
            long tuid = copied(p, uv, sent.get(i), uids[i], watermark);
            if (tuid > 0) mark[0] = Math.max(mark[0], tuid + 1);
        }
        return true;
    }

    /** The target UID from an APPENDUID response code (RFC 4315), 0 when the server sent none. */
    private static long appendUid(ImapConnection tgt, ImapCompletion c) {
        return appendUids(tgt, c, 1)[0];
    }

    /**
     * The {@code count} target UIDs of an APPENDUID response code, in order; all 0 when the server sent no
     * APPENDUID or a set of another size (the journal then matches by content on recovery).
     */
    static long[] appendUids(ImapConnection tgt, ImapCompletion c, int count) {
        long[] uids = new long[count];
        if (!tgt.has("UIDPLUS") || !"APPENDUID".equals(c.codeName())) return uids;
        String[] f = c.code().split(" ");
        if (f.length != 3) return uids;
        int n = 0;
        try {
            for (String range : f[2].split(",")) {
                int colon = range.indexOf(':');
                long a = Long.parseLong(colon < 0 ? range : range.substring(0, colon));
                long b = colon < 0 ? a : Long.parseLong(range.substring(colon + 1));
                for (long u = Math.min(a, b); u <= Math.max(a, b); u++) {
                    if (n == count) return new long[count];
                    uids[n++] = u;
                }
            }
        } catch (NumberFormatException e) {
            return new long[count];
        }
        return n == count ? uids : new long[count];
    }

    /** Records a copy under target UID {@code tuid} (0: unknown); returns it. */
    private long copied(Plan p, long uv, Sent s, long tuid, long watermark) throws IOException {
        journal.copied(new Journal.Copied(p.source(), uv, s.item().meta().uid(), s.item().spool().sha256Hex(), s.targetSha(),
                p.target(), tuid, watermark));
        report.copied.incrementAndGet();
        report.bytes.addAndGet(s.content().size());
        if (s.popUidl() != null) {
            report.popUidlsKept.incrementAndGet();
            journal.popUidlKept(p.source(), uv, s.item().meta().uid(), s.popUidl());
        }
        return tuid;
    }

    /** A refused APPEND: try without keywords, then with the --fixLongLines treatment; else list it with the reason. */
    private long retry(ImapConnection tgt, Plan p, long uv, Sent s, ImapCompletion refused, long watermark, List<Spool> fixed)
            throws IOException {
        List<String> systemOnly = s.flags().stream().filter(f -> f.startsWith("\\")).toList();
        Spool content = s.content();
        ImapCompletion last = refused;
        List<String> notes = new ArrayList<>();
        Backoff backoff = o.net().backoff();
        for (int attempt = 1; Backoff.temporary(last, false) && attempt <= backoff.retries(); attempt++) {
            // [THROTTLED], [UNAVAILABLE], [INUSE]: wait and append again (Backoff)
            if (o.verbose()) out.printf("%s: UID %d: %s; %s%n", p.display(), s.item().meta().uid(), last.describe(), backoff.describe(attempt));
            backoff.pause(attempt);
            last = appendKeepingUid(tgt, p, s, content, s.flags());
            if (last.ok()) return copied(p, uv, s, appendUid(tgt, last), watermark);
        }
        if ("UIDNOTALLOWED".equals(refused.codeName())) {
            // X-UID below the target's UIDNEXT (e.g. a message appended out of order after a retry): a new UID
            last = appendNow(tgt, p, s, content, s.flags(), 0);
            if (last.ok()) {
                report.warning(p.display() + ": UID " + s.item().meta().uid() + " copied under a new UID (" + refused.describe() + ")");
                return copied(p, uv, s, appendUid(tgt, last), watermark);
            }
        }
        if (systemOnly.size() < s.flags().size()) {
            last = appendKeepingUid(tgt, p, s, content, systemOnly);
            if (last.ok()) {
                report.warning(p.display() + ": UID " + s.item().meta().uid() + " copied without its keywords "
                        + s.flags().stream().filter(f -> !f.startsWith("\\")).toList() + " (target refused them: " + refused.describe() + ")");
                return copied(p, uv, new Sent(s.item(), content, s.targetSha(), systemOnly, s.tag(), s.popUidl()), appendUid(tgt, last), watermark);
            }
        }
        if (o.fixLongLines() > 0 && content == s.item().spool() && (content.hasNul() || content.hasBareLineEnds())) {
            content = fixed(content);
            fixed.add(content);
            last = appendKeepingUid(tgt, p, s, content, s.flags());
            if (last.ok()) {
                report.warning(p.display() + ": UID " + s.item().meta().uid() + " copied after --fixLongLines treatment");
                return copied(p, uv, new Sent(s.item(), content, content.sha256Hex(), s.flags(), s.tag(), s.popUidl()), appendUid(tgt, last), watermark);
            }
        }
        Spool orig = s.item().spool();
        if (orig.longestLine() > 998) notes.add("has a line of " + orig.longestLine() + " bytes (try --fixLongLines 998)");
        if (orig.hasNul()) notes.add("contains NUL bytes");
        if (orig.hasBareLineEnds()) notes.add("has bare CR or LF line ends");
        String reason = "target refused APPEND: " + last.describe() + (notes.isEmpty() ? "" : "; message " + String.join(", ", notes));
        journal.abandoned(p.source(), uv, s.item().meta().uid());
        report.skipped(new AccountReport.Skipped(p.display(), s.item().meta().uid(), orig.size(), reason));
        return 0;
    }

    /**
     * A retry keeps the source UID (X-UID) when the folder keeps UIDs; when the target no longer allows it
     * (later messages of the pipelined batch already took higher UIDs) the message gets a new UID, with a warning.
     */
    private ImapCompletion appendKeepingUid(ImapConnection tgt, Plan p, Sent s, Spool content, List<String> flags) throws IOException {
        long uid = keptFolders.contains(p.target()) ? s.item().meta().uid() : 0;
        ImapCompletion c = appendNow(tgt, p, s, content, flags, uid);
        if (uid > 0 && "UIDNOTALLOWED".equals(c.codeName())) {
            report.warning(p.display() + ": UID " + uid + " copied under a new UID (" + c.describe() + ")");
            c = appendNow(tgt, p, s, content, flags, 0);
        }
        return c;
    }

    private ImapCompletion appendNow(ImapConnection tgt, Plan p, Sent s, Spool content, List<String> flags, long uid) throws IOException {
        try (InputStream in = content.open()) {
            String tag = tgt.append(p.target(), flags, s.item().meta().internalDate(), uid, s.popUidl(), content.size(), in);
            return tgt.await(tag, null, r -> { });
        }
    }

    private Spool fixed(Spool original) throws IOException {
        Spool f = new Spool(MEMORY_SPOOL, tmp);
        try (InputStream in = original.open()) {
            LongLineFixer.fix(in, f, o.fixLongLines() > 0 ? o.fixLongLines() : 998);
            return f.finish();
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** Flags to APPEND: all but \Recent (RFC 3501 §2.3.2: a client cannot set it). */
    static List<String> flags(List<String> source) {
        List<String> out = new ArrayList<>();
        for (String f : source) {
            if (f == null || f.equalsIgnoreCase("\\Recent")) continue;
            out.add(f);
        }
        return out;
    }

    /** --delete: flags the journaled copies \Deleted and expunges them (UID EXPUNGE when the source has UIDPLUS). */
    private void deleteCopied(ImapConnection src, Plan p, long uv) throws IOException, ImapCommandException {
        List<Journal.Copied> copied = journal.copied(p.source(), uv);
        if (copied.isEmpty()) return;
        List<FetchItem> uids = new ArrayList<>();
        copied.stream().mapToLong(Journal.Copied::uid).sorted()
                .forEach(u -> uids.add(new FetchItem(0, u, List.of(), null, 0, null)));
        long[] expunged = new long[1];
        for (int i = 0; i < uids.size(); i += 500) {
            String set = uidSet(uids.subList(i, Math.min(uids.size(), i + 500)));
            src.run("UID STORE " + set + " +FLAGS.SILENT (\\Deleted)", r -> { });
            String cmd = src.has("UIDPLUS") ? "UID EXPUNGE " + set : "EXPUNGE";
            src.run(cmd, r -> {
                if (r.kind().equals("EXPUNGE")) expunged[0]++;
            });
        }
        report.deleted.addAndGet(expunged[0]);
        if (o.verbose()) out.printf("%s: %d messages deleted from the source%n", p.display(), expunged[0]);
    }

}
