package org.mailferry.store.tools;

import java.io.IOException;
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
import org.mailferry.store.MessageInfo;
import org.mailferry.store.MessageSource;
import org.mailferry.store.StoreException;

/** The work of {@link ImportCommand}: reading sources and appending in batches. */
final class Importer {
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

    /** Reads {@code file} through the store's legacy-mbox reader (locked like a Legacy INBOX) and copies it. */
    static void mbox(MailStore store, AccountStore acct, Path file, String mailbox, Summary sum, PrintStream out)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            sum.skip(file.toString(), "not a file");
            return;
        }
        ensure(acct, mailbox);
        Path scratch = Files.createTempDirectory("mailferry-import");
        try {
            AccountStore src = store.account(scratch, AccountConfig.DEFAULT.withLegacyInbox(file));
            try (Mailbox m = src.open("INBOX", true)) {
                List<AppendRequest> batch = new ArrayList<>();
                for (MessageInfo mi : m.messages()) {
                    long uid = mi.uid();
                    batch.add(new AppendRequest(new MessageSource() {
                        @Override
                        public java.io.InputStream open() throws IOException {
                            return m.open(uid);
                        }

                        @Override
                        public long size() {
                            return mi.size();
                        }
                    }, mi.flags(), mi.internalDate(), null));
                    sum.bytes += mi.size();
                    if (batch.size() == BATCH) {
                        flush(acct, mailbox, batch, sum);
                    }
                }
                flush(acct, mailbox, batch, sum);
                out.printf("%s -> %s: %d messages%n", file, mailbox, m.exists());
            }
        } finally {
            try (var s = Files.walk(scratch)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void flush(AccountStore acct, String mailbox, List<AppendRequest> batch, Summary sum)
            throws StoreException {
        if (batch.isEmpty()) {
            return;
        }
        try {
            acct.append(mailbox, batch);
            sum.messages += batch.size();
        } catch (StoreException e) {
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
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        ensure(acct, mailbox);
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
                    Files.getLastModifiedTime(f).toInstant(), null));
            sum.bytes += size;
            if (batch.size() == BATCH) {
                flush(acct, mailbox, batch, sum);
            }
        }
        flush(acct, mailbox, batch, sum);
        out.printf("%s -> %s: %d messages%n", dir, mailbox, files.size());
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
