package org.mailferry.store.tools;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mailferry.store.AccountConfig;
import org.mailferry.store.AccountStore;
import org.mailferry.store.AppendRequest;
import org.mailferry.store.Flag;
import org.mailferry.store.Flags;
import org.mailferry.store.MailStore;
import org.mailferry.store.Mailbox;
import org.mailferry.store.MailboxInfo;
import org.mailferry.store.MailboxStatus;
import org.mailferry.store.MessageInfo;
import org.mailferry.store.MessageSource;
import org.mailferry.store.StoreException;

/** The work of {@link ImportCommand}: reading sources and appending in batches. */
public final class Importer {
    static final int BATCH = 200;

    private Importer() {
    }

    /** Counts for the summary line. */
    static final class Summary {
        long messages;
        long bytes;
        long skipped;
        final List<String> reasons = new ArrayList<>();

        void skip(String what, String why) {
            skipped++;
            if (reasons.size() < 50) {
                reasons.add(what + ": " + why);
            }
        }

        void print(PrintStream out) {
            out.printf("imported %d messages, %d bytes, skipped %d%n", messages, bytes, skipped);
            reasons.forEach(r -> out.println("  skipped " + r));
        }
    }

    static void ensure(AccountStore acct, String mailbox) throws StoreException {
        if (acct.info(mailbox) == null || !acct.info(mailbox).selectable()) {
            acct.create(mailbox);
        }
    }

    /**
     * How the messages of one source get their UIDs in the target: the source's (when it has them and the
     * target is new or empty, which then takes the source's UIDVALIDITY) or new ones; {@link #note} says
     * which, for the progress line.
     */
    static final class Numbering {
        boolean keep;
        String note;

        /** Keeps the source's UIDs if {@code mailbox} is new (created here) or empty; else new UIDs. */
        static Numbering of(AccountStore acct, String mailbox, long uidValidity, long lowestUid)
                throws StoreException {
            Numbering n = new Numbering();
            MailboxInfo info = acct.info(mailbox);
            n.note = "new UIDs (the mailbox already held messages)";
            if (info == null || !info.selectable()) {
                acct.create(mailbox, null, null, uidValidity);
                n.keep = true;
            } else {
                MailboxStatus st = acct.status(mailbox);
                if (st.messages() == 0 && (st.uidValidity() != uidValidity || st.uidNext() <= lowestUid)) {
                    acct.resetUidValidity(mailbox, uidValidity);
                    n.keep = true;
                } else if (st.messages() == 0) {
                    n.note = "new UIDs (the mailbox gave the source's UIDs to other messages before)";
                }
            }
            if (n.keep) {
                n.note = "UIDVALIDITY " + uidValidity + " and UIDs kept";
            }
            return n;
        }

        static Numbering none(AccountStore acct, String mailbox, String why) throws StoreException {
            ensure(acct, mailbox);
            Numbering n = new Numbering();
            n.note = "new UIDs (" + why + ")";
            return n;
        }

        /** After a UID was refused (another program appended meanwhile): the rest get new UIDs. */
        void lost() {
            keep = false;
            note = "new UIDs from here on (the mailbox took other messages meanwhile)";
        }
    }

    /**
     * Imports one mbox file into {@code mailbox} as {@code mailferry import mbox} does (for benchmarks and
     * tools); returns the number of messages imported.
     */
    public static long importMbox(MailStore store, AccountStore acct, Path file, String mailbox, PrintStream out)
            throws IOException {
        Summary sum = new Summary();
        mbox(store, acct, file, mailbox, sum, out);
        if (sum.skipped > 0) {
            sum.print(out);
        }
        return sum.messages;
    }

    /** Reads {@code file} through the store's legacy-mbox reader (locked like a Legacy INBOX) and copies it. */
    static void mbox(MailStore store, AccountStore acct, Path file, String mailbox, Summary sum, PrintStream out)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            sum.skip(file.toString(), "not a file");
            return;
        }
        Path scratch = Files.createTempDirectory("mailferry-import");
        try {
            AccountStore src = store.account(scratch, AccountConfig.DEFAULT.withLegacyInbox(file));
            try (Mailbox m = src.open("INBOX", true)) {
                Numbering num = m.exists() > 0 && carriesUids(file)
                        ? Numbering.of(acct, mailbox, m.uidValidity(), m.message(1).uid())
                        : Numbering.none(acct, mailbox, "the file has no X-IMAPbase/X-UID");
                List<AppendRequest> batch = new ArrayList<>();
                for (MessageInfo mi : m.messages()) {
                    batch.add(new AppendRequest(withoutMetaHeaders(m, mi), mi.flags(), mi.internalDate(), null,
                            num.keep ? mi.uid() : 0));
                    sum.bytes += batch.getLast().source().size();
                    if (batch.size() == BATCH) {
                        flush(acct, mailbox, batch, sum, num);
                    }
                }
                flush(acct, mailbox, batch, sum, num);
                out.printf("%s -> %s: %d messages, %s%n", file, mailbox, m.exists(), num.note);
            }
        } finally {
            try (var s = Files.walk(scratch)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * The message without the header fields that held its mailbox state ({@link MboxMetaHeaders}); as it is
     * when its header does not end within the first 64 KB.
     */
    static MessageSource withoutMetaHeaders(Mailbox m, MessageInfo mi) throws IOException {
        long uid = mi.uid();
        byte[] head;
        try (InputStream in = m.open(uid, 0, 64 * 1024)) {
            head = in.readAllBytes();
        }
        int end = MboxMetaHeaders.headerEnd(head, head.length);
        byte[] kept = end < 0 ? new byte[0] : MboxMetaHeaders.strip(head, end);
        long from = end < 0 ? 0 : end;
        long size = mi.size() - from + kept.length;
        return new MessageSource() {
            @Override
            public InputStream open() throws IOException {
                return new SequenceInputStream(new ByteArrayInputStream(kept), m.open(uid, from, mi.size() - from));
            }

            @Override
            public long size() {
                return size;
            }
        };
    }

    /** Reads the first message's header: c-client and Dovecot keep UIDVALIDITY there (X-IMAPbase, X-IMAP). */
    static boolean carriesUids(Path mbox) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(mbox)) {
            head = in.readNBytes(64 * 1024);
        }
        String s = new String(head, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        int end = s.indexOf("\n\n");
        String header = "\n" + (end < 0 ? s : s.substring(0, end)).toLowerCase(java.util.Locale.ROOT);
        return header.contains("\nx-imapbase:") || header.contains("\nx-imap:");
    }

    private static void flush(AccountStore acct, String mailbox, List<AppendRequest> batch, Summary sum,
                              Numbering num) throws StoreException {
        if (batch.isEmpty()) {
            return;
        }
        try {
            acct.append(mailbox, batch);
            sum.messages += batch.size();
        } catch (StoreException e) {
            if (e.reason() == StoreException.Reason.UIDNOTALLOWED && num.keep) {
                num.lost();
                batch.replaceAll(r -> r.withUid(0));
                flush(acct, mailbox, batch, sum, num);
                return;
            }
            if (e.reason() != StoreException.Reason.TOOBIG && e.reason() != StoreException.Reason.BADMESSAGE) {
                throw e;
            }
            for (AppendRequest r : batch) { // one by one to find the bad one
                try {
                    acct.append(mailbox, List.of(r));
                    sum.messages++;
                } catch (StoreException one) {
                    sum.skip(mailbox, one.getMessage());
                }
            }
        }
        batch.clear();
    }

    /** DIR to {@code mailbox}, each Maildir++ subfolder {@code .A.B} to {@code A/B}. */
    static void maildirTree(AccountStore acct, Path dir, String mailbox, Summary sum, PrintStream out)
            throws IOException {
        if (!Files.isDirectory(dir.resolve("cur")) && !Files.isDirectory(dir.resolve("new"))) {
            sum.skip(dir.toString(), "not a Maildir (no cur/ or new/)");
            return;
        }
        maildir(acct, dir, mailbox, sum, out);
        Map<String, Path> subs = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") && n.length() > 1 && !n.equals("..") && Files.isDirectory(p.resolve("cur"))) {
                    subs.put(n.substring(1).replace('.', '/'), p);
                }
            }
        }
        for (Map.Entry<String, Path> e : subs.entrySet()) {
            String target = mailbox.equals("INBOX") && !e.getKey().toUpperCase().startsWith("INBOX")
                    ? e.getKey() : mailbox + "/" + e.getKey();
            maildir(acct, e.getValue(), target, sum, out);
        }
    }

    private static void maildir(AccountStore acct, Path dir, String mailbox, Summary sum, PrintStream out)
            throws IOException {
        Map<Character, String> kw = dovecotKeywords(dir);
        List<Path> files = new ArrayList<>();
        for (String sub : new String[]{"cur", "new"}) {
            Path d = dir.resolve(sub);
            if (Files.isDirectory(d)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
                    for (Path p : ds) {
                        if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                            files.add(p);
                        }
                    }
                }
            }
        }
        UidList uids = UidList.read(dir);
        Map<Path, Long> uidOf = new HashMap<>();
        long lowest = Long.MAX_VALUE;
        for (Path f : files) {
            Long u = uids == null ? null : uids.uids().get(UidList.base(f.getFileName().toString()));
            uidOf.put(f, u == null ? 0L : u);
            lowest = u == null ? lowest : Math.min(lowest, u);
        }
        // messages with the source's UIDs first, in UID order; the others (new/, not yet numbered) after them
        files.sort(java.util.Comparator.<Path>comparingLong(p -> uidOf.get(p) == 0 ? Long.MAX_VALUE : uidOf.get(p))
                .thenComparing(p -> p.getFileName().toString()));
        Numbering num = uids != null && lowest != Long.MAX_VALUE
                ? Numbering.of(acct, mailbox, uids.uidValidity(), lowest)
                : Numbering.none(acct, mailbox, "no dovecot-uidlist or courierimapuiddb");
        List<AppendRequest> batch = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            int i = name.indexOf(":2,");
            Set<Flag> sys = java.util.EnumSet.noneOf(Flag.class);
            Set<String> kws = new TreeSet<>();
            if (i >= 0) {
                for (char c : name.substring(i + 3).toCharArray()) {
                    switch (c) {
                        case 'S' -> sys.add(Flag.SEEN);
                        case 'R' -> sys.add(Flag.ANSWERED);
                        case 'F' -> sys.add(Flag.FLAGGED);
                        case 'T' -> sys.add(Flag.DELETED);
                        case 'D' -> sys.add(Flag.DRAFT);
                        default -> {
                            if (kw.containsKey(c) && Flags.isValidKeyword(kw.get(c))) {
                                kws.add(kw.get(c));
                            }
                        }
                    }
                }
            }
            long size = Files.size(f);
            batch.add(new AppendRequest(MessageSource.ofPath(f), Flags.of(sys, kws),
                    Files.getLastModifiedTime(f).toInstant(), null, num.keep ? uidOf.get(f) : 0));
            sum.bytes += size;
            if (batch.size() == BATCH) {
                flush(acct, mailbox, batch, sum, num);
            }
        }
        flush(acct, mailbox, batch, sum, num);
        out.printf("%s -> %s: %d messages, %s%n", dir, mailbox, files.size(), num.note);
    }

    /** dovecot-keywords: lines "N name", N = 0 for 'a', 1 for 'b' … */
    static Map<Character, String> dovecotKeywords(Path dir) throws IOException {
        Map<Character, String> m = new HashMap<>();
        Path p = dir.resolve("dovecot-keywords");
        if (Files.isRegularFile(p)) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                String[] t = line.trim().split("\\s+", 2);
                if (t.length == 2 && t[0].matches("[0-9]{1,2}") && Integer.parseInt(t[0]) < 26) {
                    m.put((char) ('a' + Integer.parseInt(t[0])), t[1]);
                }
            }
        }
        return m;
    }
}
