package org.mailferry.migrate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The per-account journal that makes a mover's reruns exact (format: docs/movers.md "Journal").
 *
 * <p>An append-only text file, one record per line, each line ending with its CRC-32. Before a batch of
 * messages is sent to the target, an <b>intent</b> per message is written and fsync'ed (source mailbox,
 * UIDVALIDITY, UID, SHA-256 of the content, target mailbox and the target's UIDNEXT before the batch);
 * after the target accepted a message a <b>copied</b> record follows (with the target UID when the server
 * has UIDPLUS). A rerun skips what is copied and resolves intents without a copied record by looking at the
 * target above the recorded UIDNEXT ({@link PendingRecovery}). A torn last line (SIGKILL while writing) is
 * cut off when the journal is opened. The file is locked so two movers never work on one account at once.
 *
 * <p>Record keys are strings chosen by the mover: IMAP uses the source mailbox name, POP uses "POP".
 * Designed so that a "keep UIDs" mode into Mailferry can add records without changing the existing ones.
 */
public final class Journal implements AutoCloseable {
    /** A message known to be on the target. */
    public record Copied(String box, long uidValidity, long uid, String sha, String targetSha, String targetBox,
                         long targetUid, long watermark) { }

    /**
     * A message sent or about to be sent whose outcome is unknown. {@code sha} is the source content's hash,
     * {@code targetSha} the hash of what is appended (different only after --fixLongLines).
     */
    public record Intent(String box, long uidValidity, long uid, String sha, String targetSha, long size, String targetBox,
                         long targetUidValidity, long watermark) { }

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final Map<String, Map<Long, Map<Long, Copied>>> copied = new HashMap<>();
    private final Map<String, Intent> pending = new HashMap<>();
    private final Map<String, Long> popDone = new HashMap<>();
    private final Map<String, FolderDone> folders = new HashMap<>();
    private final Map<String, String> keptUidls = new HashMap<>(); // key(box, uv, uid) -> the POP3 UIDL its copy keeps

    /**
     * A source mailbox copied completely (no message refused, no intent open) into {@code targetBox}, as it was
     * when its copy began: every message below {@code uidNext} under {@code uidValidity} is on the target, with
     * the flags it had at {@code highestModSeq} (0: the source has no CONDSTORE), in the target mailbox of
     * {@code targetUidValidity} (0: unknown).
     */
    public record FolderDone(String box, long uidValidity, long uidNext, String targetBox, long highestModSeq, long targetUidValidity) { }
    private int records;

    private Journal(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** Opens (creating) the journal, cuts a torn tail, loads it and takes its lock. */
    public static Journal open(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("journal " + path + " is in use by another mover");
        }
        Journal j = new Journal(path, ch, lock);
        try {
            j.load();
        } catch (IOException | RuntimeException e) {
            j.close();
            throw e;
        }
        return j;
    }

    public Path path() { return path; }

    private void load() throws IOException {
        byte[] all = Files.readAllBytes(path);
        int start = 0, good = 0, lineNo = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] != '\n') continue;
            lineNo++;
            String line = new String(all, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            int hash = line.lastIndexOf(" #");
            if (hash < 0 || !crc(line.substring(0, hash)).equals(line.substring(hash + 2))) {
                if (start == all.length) break; // torn last line: cut below
                throw new IOException(path + " line " + lineNo + ": damaged record (CRC mismatch); move the file away to start over");
            }
            apply(line.substring(0, hash).split(" "), lineNo);
            good = start;
        }
        if (good < all.length) channel.truncate(good);
        channel.position(good);
    }

    private void apply(String[] f, int lineNo) throws IOException {
        try {
            switch (f[0]) {
                case "V" -> { } // version header
                case "I" -> {
                    Intent in = new Intent(dec(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), f[4], f[5],
                            Long.parseLong(f[6]), dec(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]));
                    pending.put(key(in.box(), in.uidValidity(), in.uid()), in);
                }
                case "C" -> addCopied(new Copied(dec(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), f[4], f[5], dec(f[6]),
                        Long.parseLong(f[7]), Long.parseLong(f[8])));
                case "X" -> pending.remove(key(dec(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])));
                case "P" -> popDone.put(dec(f[1]), Long.parseLong(f[2]));
                case "U" -> keptUidls.put(key(dec(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])), dec(f[4]));
                case "F" -> folders.put(dec(f[1]), new FolderDone(dec(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), dec(f[4]),
                        f.length > 5 ? Long.parseLong(f[5]) : 0, f.length > 6 ? Long.parseLong(f[6]) : 0));
                default -> throw new IOException(path + " line " + lineNo + ": unknown record type '" + f[0] + "'");
            }
            records++;
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IOException(path + " line " + lineNo + ": malformed record");
        }
    }

    private void addCopied(Copied c) {
        copied.computeIfAbsent(c.box(), k -> new HashMap<>()).computeIfAbsent(c.uidValidity(), k -> new HashMap<>())
                .put(c.uid(), c);
        pending.remove(key(c.box(), c.uidValidity(), c.uid()));
    }

    private static String key(String box, long uv, long uid) { return box + "\u0000" + uv + "\u0000" + uid; }

    public synchronized boolean isCopied(String box, long uidValidity, long uid) {
        Map<Long, Map<Long, Copied>> b = copied.get(box);
        if (b == null) return false;
        Map<Long, Copied> m = b.get(uidValidity);
        return m != null && m.containsKey(uid);
    }

    /** Copied records of a source mailbox under other UIDVALIDITY values (for a changed UIDVALIDITY). */
    public synchronized List<Copied> copiedUnderOtherUidValidity(String box, long uidValidity) {
        List<Copied> out = new ArrayList<>();
        Map<Long, Map<Long, Copied>> b = copied.get(box);
        if (b == null) return out;
        b.forEach((uv, m) -> {
            if (uv != uidValidity) out.addAll(m.values());
        });
        return out;
    }

    public synchronized int copiedCount(String box, long uidValidity) {
        Map<Long, Map<Long, Copied>> b = copied.get(box);
        Map<Long, Copied> m = b == null ? null : b.get(uidValidity);
        return m == null ? 0 : m.size();
    }

    /** Copied records of one source mailbox and UIDVALIDITY (for --delete and verification). */
    public synchronized List<Copied> copied(String box, long uidValidity) {
        Map<Long, Map<Long, Copied>> b = copied.get(box);
        Map<Long, Copied> m = b == null ? null : b.get(uidValidity);
        return m == null ? List.of() : new ArrayList<>(m.values());
    }

    /** Copied records whose target is {@code targetBox} and whose batch started at or above {@code watermark}. */
    public synchronized List<Copied> copiedInto(String targetBox, long watermark) {
        List<Copied> out = new ArrayList<>();
        for (Map<Long, Map<Long, Copied>> b : copied.values()) {
            for (Map<Long, Copied> m : b.values()) {
                for (Copied c : m.values()) if (c.targetBox().equals(targetBox) && c.watermark() >= watermark) out.add(c);
            }
        }
        return out;
    }

    /** Intents without outcome whose target is {@code targetBox}. */
    public synchronized List<Intent> pendingFor(String targetBox) {
        List<Intent> out = new ArrayList<>();
        for (Intent i : pending.values()) if (i.targetBox().equals(targetBox)) out.add(i);
        return out;
    }

    public synchronized void intent(Intent i) throws IOException {
        write("I " + enc(i.box()) + " " + i.uidValidity() + " " + i.uid() + " " + i.sha() + " " + i.targetSha() + " " + i.size()
                + " " + enc(i.targetBox()) + " " + i.targetUidValidity() + " " + i.watermark());
        pending.put(key(i.box(), i.uidValidity(), i.uid()), i);
    }

    public synchronized void copied(Copied c) throws IOException {
        write("C " + enc(c.box()) + " " + c.uidValidity() + " " + c.uid() + " " + c.sha() + " " + c.targetSha() + " "
                + enc(c.targetBox()) + " " + c.targetUid() + " " + c.watermark());
        addCopied(c);
    }

    /** Closes an intent whose message did not reach the target (it will be tried again next run). */
    public synchronized void abandoned(String box, long uidValidity, long uid) throws IOException {
        write("X " + enc(box) + " " + uidValidity + " " + uid);
        pending.remove(key(box, uidValidity, uid));
    }

    /** Records that the copy of a source message keeps its old POP3 UIDL on the target (--source-pop). */
    public synchronized void popUidlKept(String box, long uidValidity, long uid, String uidl) throws IOException {
        write("U " + enc(box) + " " + uidValidity + " " + uid + " " + enc(uidl));
        keptUidls.put(key(box, uidValidity, uid), uidl);
    }

    /** The POP3 UIDL the copy of this source message keeps, or null. */
    public synchronized String keptPopUidl(String box, long uidValidity, long uid) {
        return keptUidls.get(key(box, uidValidity, uid));
    }

    /** Records that a source mailbox was copied completely (see {@link FolderDone}). */
    public synchronized void folderDone(FolderDone d) throws IOException {
        write("F " + enc(d.box()) + " " + d.uidValidity() + " " + d.uidNext() + " " + enc(d.targetBox()) + " " + d.highestModSeq()
                + " " + d.targetUidValidity());
        folders.put(d.box(), d);
    }

    /** The last complete copy of a source mailbox, or null. */
    public synchronized FolderDone folderDone(String box) { return folders.get(box); }

    /** POP: the message with this key (UIDL or content hash) was accepted by the SMTP server. */
    public synchronized void popSubmitted(String key, long size) throws IOException {
        write("P " + enc(key) + " " + size);
        popDone.put(key, size);
    }

    public synchronized boolean popWasSubmitted(String key) { return popDone.containsKey(key); }

    public synchronized int popSubmittedCount() { return popDone.size(); }

    /** Makes everything written so far durable (fsync). */
    public synchronized void sync() throws IOException { channel.force(false); }

    private void write(String body) throws IOException {
        if (records == 0 && channel.position() == 0) {
            String v = "V 1";
            writeLine(v + " #" + crc(v) + "\n");
            records++;
        }
        writeLine(body + " #" + crc(body) + "\n");
    }

    private void writeLine(String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) channel.write(b);
    }

    private static String crc(String s) {
        CRC32 c = new CRC32();
        c.update(s.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(c.getValue());
    }

    static String enc(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String dec(String s) { return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8); }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (channel.isOpen()) channel.force(false);
            if (lock != null && lock.isValid()) lock.release();
        } finally {
            channel.close();
        }
    }
}
