package org.mailferry.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates mail for tests and benchmarks, deterministically from a seed, and fills a {@link DovecotServer}
 * with it over IMAP ({@link DovecotImap}).
 *
 * <p>{@link #pathological} is the hard case: folder names with spaces, non-ASCII, '&amp;', dots or slashes
 * (whichever the source's separator allows), {@code .mbox}/{@code .mdir} endings; messages with
 * attachments, 8-bit bodies, lines of 5,000–20,000 bytes, no Date, no Message-ID, byte-identical
 * duplicates; every system flag and several keywords; INTERNALDATEs from 1998 to 2025 in several zones.
 * {@link #sized} makes a corpus with the size mix of real mail (median ~14 KB, one in 100 of 1–4 MB).
 */
public final class DovecotCorpus {
    /** One message: its exact bytes, the flags/keywords to APPEND it with, and its INTERNALDATE. */
    public record Message(byte[] bytes, List<String> flags, String internalDate) { }

    /** A folder given by its decoded path components; ["INBOX"] is the inbox. */
    public record Folder(List<String> path, List<Message> messages) {
        public boolean isInbox() { return path.size() == 1 && path.get(0).equalsIgnoreCase("INBOX"); }

        public long bytes() { return messages.stream().mapToLong(m -> m.bytes().length).sum(); }
    }

    private static final DateTimeFormatter IMAP_DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT);
    private static final String[] KEYWORDS = {"$Forwarded", "$Junk", "$NotJunk", "Work", "$label1", "Later"};
    private static final String[] SYSTEM = {"\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft"};

    private DovecotCorpus() { }

    /** The decoded full name of a folder on a server of the given layout ("INBOX.Sent" or "Sent"). */
    public static String name(Folder f, DovecotServer.Layout layout) {
        if (f.isInbox()) return "INBOX";
        return layout.prefix + String.join(String.valueOf(layout.separator), f.path());
    }

    /** Creates the folders and appends the messages for {@code user}. */
    public static void fill(DovecotServer s, String user, List<Folder> folders) throws IOException {
        try (DovecotImap c = new DovecotImap(s.host(), s.imapPort(), user, s.password(user))) {
            for (Folder f : folders) {
                String n = name(f, s.layout());
                if (!f.isInbox()) c.create(n);
                for (int i = 0; i < f.messages().size(); i += 200) {
                    c.appendAll(n, f.messages().subList(i, Math.min(f.messages().size(), i + 200)));
                }
            }
        }
    }

    /**
     * Writes messages straight into the INBOX Maildir of a Maildir {@link DovecotServer} (much faster than
     * APPEND for big folders): files in {@code cur/} named with the system flags ({@code :2,FRS}), mtime =
     * INTERNALDATE. Keywords are not written. Dovecot assigns UIDs when the folder is first opened.
     */
    public static void writeMaildirInbox(DovecotServer s, String user, java.util.Iterator<Message> messages) throws IOException {
        if (s.layout() == DovecotServer.Layout.MBOX) throw new IllegalArgumentException("not a Maildir server");
        java.nio.file.Path md = s.home(user).resolve("Maildir");
        for (String d : List.of("cur", "new", "tmp")) java.nio.file.Files.createDirectories(md.resolve(d));
        long n = 0;
        while (messages.hasNext()) {
            Message m = messages.next();
            StringBuilder letters = new StringBuilder();
            for (String[] f : new String[][] {{"\\Draft", "D"}, {"\\Flagged", "F"}, {"\\Answered", "R"}, {"\\Seen", "S"}, {"\\Deleted", "T"}}) {
                if (m.flags().contains(f[0])) letters.append(f[1]);
            }
            java.nio.file.Path f = md.resolve("cur").resolve("1700000000.M" + (n++) + "P1.bench,S=" + m.bytes().length + ":2," + letters);
            java.nio.file.Files.write(f, m.bytes());
            java.nio.file.Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(
                    ZonedDateTime.parse(m.internalDate(), IMAP_DATE).toInstant()));
        }
        if ("root".equals(System.getProperty("user.name"))) DovecotServer.chownNobody(s.home(user));
    }

    /** The hard corpus for a source whose hierarchy separator is {@code sourceSeparator}. */
    public static List<Folder> pathological(long seed, char sourceSeparator) {
        Random r = new Random(seed);
        List<Folder> out = new ArrayList<>();
        String other = sourceSeparator == '.' ? "Design/Build" : "Release v1.2";
        String[][] paths = {
                {"INBOX"}, {"Sent Items"}, {"Archive", "2019"}, {"Archive", "2020 Q1"}, {"Ünïcødé €uro"},
                {"R&D", "日本語"}, {other}, {"Work.mbox"}, {"Lists", "old.mdir"}, {"Empty"},
        };
        int folderNo = 0;
        for (String[] p : paths) {
            List<Message> msgs = new ArrayList<>();
            int n = p[0].equals("Empty") ? 0 : 3 + r.nextInt(5);
            for (int i = 0; i < n; i++) msgs.add(message(r, folderNo * 100 + i, (folderNo + i) % 9));
            if (p[0].equals("INBOX")) {
                Message dup = message(r, 9999, 4); // no Message-ID, no Date
                msgs.add(dup);
                msgs.add(new Message(dup.bytes().clone(), dup.flags(), dup.internalDate()));
                msgs.add(new Message(dup.bytes().clone(), List.of("\\Seen"), dup.internalDate()));
            }
            out.add(new Folder(List.of(p), msgs));
            folderNo++;
        }
        return out;
    }

    /** One message of kind 0..8 (plain, attachment, 8-bit, long lines, no Date, no Message-ID, ...). */
    public static Message message(Random r, int id, int kind) {
        StringBuilder h = new StringBuilder();
        ZonedDateTime date = ZonedDateTime.of(1998 + r.nextInt(28), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24),
                r.nextInt(60), r.nextInt(60), 0, ZoneOffset.ofHours(r.nextInt(25) - 12));
        h.append("Return-Path: <sender").append(id).append("@old.example>\r\n");
        h.append("From: Sender ").append(id).append(" <sender").append(id).append("@old.example>\r\n");
        h.append("To: user@old.example\r\n");
        h.append("Subject: message ").append(id).append(" kind ").append(kind).append("\r\n");
        if (kind != 4) h.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(date)).append("\r\n");
        if (kind != 4 && kind != 5) h.append("Message-ID: <m").append(id).append('.').append(r.nextInt(1_000_000)).append("@old.example>\r\n");
        h.append("MIME-Version: 1.0\r\n");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        switch (kind) {
            case 1 -> {
                h.append("Content-Type: multipart/mixed; boundary=\"b").append(id).append("\"\r\n\r\n");
                b.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
                byte[] att = new byte[20_000 + r.nextInt(40_000)];
                r.nextBytes(att);
                String body = "--b" + id + "\r\nContent-Type: text/plain\r\n\r\nSee attachment.\r\n--b" + id
                        + "\r\nContent-Type: application/octet-stream; name=\"data.bin\"\r\nContent-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: attachment; filename=\"data.bin\"\r\n\r\n"
                        + Base64.getMimeEncoder().encodeToString(att) + "\r\n--b" + id + "--\r\n";
                b.writeBytes(body.getBytes(StandardCharsets.US_ASCII));
            }
            case 2 -> {
                h.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
                b.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
                b.writeBytes("Grüße aus Köln — ½ € ✓ 日本語のテキスト\r\n.leading dot line\r\n..two dots\r\n".getBytes(StandardCharsets.UTF_8));
            }
            case 3 -> {
                h.append("Content-Type: text/plain\r\n\r\n");
                b.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
                int len = 5_000 + r.nextInt(15_000);
                StringBuilder line = new StringBuilder(len);
                while (line.length() < len) line.append("word").append(line.length() % 97).append(' ');
                b.writeBytes((line + "\r\nshort line\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            default -> {
                h.append("Content-Type: text/plain\r\n\r\n");
                b.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
                int lines = 3 + r.nextInt(40);
                for (int i = 0; i < lines; i++) b.writeBytes(("Line " + i + " of message " + id + ".\r\n").getBytes(StandardCharsets.US_ASCII));
                if (kind == 6) b.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        List<String> flags = new ArrayList<>();
        for (String f : SYSTEM) if (r.nextInt(3) == 0) flags.add(f);
        for (String k : KEYWORDS) if (r.nextInt(4) == 0) flags.add(k);
        ZonedDateTime internal = ZonedDateTime.of(1998 + r.nextInt(28), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24),
                r.nextInt(60), r.nextInt(60), 0, ZoneOffset.ofHoursMinutes(r.nextInt(11) - 5, 0));
        return new Message(b.toByteArray(), flags, IMAP_DATE.format(internal));
    }

    /**
     * A corpus of {@code count} messages over {@code folders} folders (INBOX first) with the size mix of
     * real mail: 97 in 100 between 2 and 40 KB (median ~14 KB), 2 in 100 from 100 KB to 1 MB, 1 in 100 from
     * 1 to 4 MB — about 50 KB on average, so 2,000 messages make about 100 MB.
     */
    public static List<Folder> sized(long seed, int count, int folders) {
        Random r = new Random(seed);
        List<List<Message>> boxes = new ArrayList<>();
        for (int f = 0; f < folders; f++) boxes.add(new ArrayList<>());
        for (int i = 0; i < count; i++) {
            int size;
            int roll = r.nextInt(100);
            if (roll == 0) size = 1_000_000 + r.nextInt(3_000_000);
            else if (roll < 3) size = 100_000 + r.nextInt(900_000);
            else size = (int) Math.min(40_000, Math.max(2_000, Math.exp(Math.log(14_000) + r.nextGaussian() * 0.6)));
            boxes.get(f(r, folders)).add(sizedMessage(r, i, size));
        }
        List<Folder> out = new ArrayList<>();
        for (int f = 0; f < folders; f++) {
            List<String> path = f == 0 ? List.of("INBOX") : f % 5 == 0 ? List.of("Archive", "Year " + (2000 + f)) : List.of("Folder " + f);
            out.add(new Folder(path, boxes.get(f)));
        }
        return out;
    }

    /** Folder sizes are skewed like real accounts: INBOX and a few folders hold most messages. */
    private static int f(Random r, int folders) {
        double x = r.nextDouble();
        return (int) Math.min(folders - 1, Math.floor(folders * x * x));
    }

    /** A message of about {@code size} bytes: text with a base64 attachment when large. */
    public static Message sizedMessage(Random r, int id, int size) {
        Message base = message(r, id, 0);
        StringBuilder sb = new StringBuilder(size + 200);
        String head = new String(base.bytes(), StandardCharsets.UTF_8);
        int bodyAt = head.indexOf("\r\n\r\n") + 4;
        sb.append(head, 0, bodyAt);
        byte[] raw = new byte[64];
        while (sb.length() < size) {
            r.nextBytes(raw);
            sb.append(Base64.getEncoder().encodeToString(raw), 0, 76).append("\r\n");
        }
        return new Message(sb.toString().getBytes(StandardCharsets.US_ASCII), base.flags(), base.internalDate());
    }
}
