package org.mailferry.store.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mailferry.util.Uidls;

/**
 * The POP3 UIDLs a mailbox's messages had on the old server, kept so that POP clients do not fetch everything
 * again after a move (docs/store.md). A text file beside the mailbox ({@link Sidecars#popUidls()}):
 * <pre>
 * V 1796143738
 * 1 0000000150d4c3a2
 * 2 AAEdt4wAAAB9e1xU
 * </pre>
 * The first line is the mailbox's UIDVALIDITY when the entries were written: entries of another UIDVALIDITY are
 * not used. Then one line per message: UID, space, UIDL. Later lines for a UID replace earlier ones. New entries
 * are appended and fsync'ed; a file of another UIDVALIDITY is replaced (temp file, fsync, rename). Entries of
 * expunged messages stay until the file is rewritten; they are never shown, as POP3 asks only for present UIDs.
 */
final class PopUidls {
    /** The longest file read: 64 MB (about a million entries); beyond that the file is ignored. */
    static final long MAX_FILE = 64L * 1024 * 1024;

    private PopUidls() {
    }

    /** The entries kept for {@code uidValidity}: UID → UIDL; empty when there is no file or it is of another one. */
    static Map<Long, String> read(Path file, long uidValidity) throws IOException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE) {
                return Map.of();
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--; // a line torn by a crash is not an entry
        }
        String[] lines = new String(bytes, 0, end, StandardCharsets.US_ASCII).split("\n");
        if (lines.length == 0 || !lines[0].equals("V " + uidValidity)) {
            return Map.of();
        }
        Map<Long, String> out = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            int sp = l.indexOf(' ');
            if (sp < 1 || sp > 10) {
                continue; // a hand edit
            }
            try {
                long uid = Long.parseLong(l, 0, sp, 10);
                String uidl = l.substring(sp + 1);
                if (uid > 0 && Uidls.valid(uidl)) {
                    out.put(uid, uidl);
                }
            } catch (NumberFormatException e) {
                // skipped, as above
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Adds entries for {@code uidValidity}, durable when this returns. */
    static void add(Path file, long uidValidity, Map<Long, String> entries, boolean fsync) throws IOException {
        for (String u : entries.values()) {
            if (!Uidls.valid(u)) {
                throw new IllegalArgumentException("a UIDL is 1 to 70 characters from 0x21 to 0x7E: " + u);
            }
        }
        StringBuilder sb = new StringBuilder();
        entries.forEach((uid, uidl) -> sb.append(uid).append(' ').append(uidl).append('\n'));
        boolean current;
        try {
            current = firstLine(file).equals("V " + uidValidity);
        } catch (NoSuchFileException e) {
            current = false;
        }
        if (!current) {
            Fs.atomicWrite(file, ("V " + uidValidity + "\n" + sb).getBytes(StandardCharsets.US_ASCII), fsync);
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long at = completeLines(ch);
            Fs.writeFully(ch, ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.US_ASCII)), at);
            if (fsync) {
                ch.force(false);
            }
        }
    }

    /** The length of the file's complete lines; a line torn by a crash (no line end) is cut off. */
    private static long completeLines(FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(size, 256));
        long from = size - b.capacity();
        Fs.readFully(ch, b, from);
        int i = b.capacity();
        while (i > 0 && b.get(i - 1) != '\n') {
            i--;
        }
        long end = from + i;
        if (end < size) {
            ch.truncate(end);
        }
        return end;
    }

    private static String firstLine(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(32);
            ch.read(b);
            String s = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
            int nl = s.indexOf('\n');
            return nl < 0 ? "" : s.substring(0, nl);
        }
    }
}
