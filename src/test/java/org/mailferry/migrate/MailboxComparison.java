package org.mailferry.migrate;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotServer;

/**
 * The tests' own comparison of two accounts, independent of the movers' code: reads both sides with
 * {@link DovecotImap} and checks, per expected folder pair, that the multisets of (content hash, flags,
 * INTERNALDATE as an instant) are equal. Returns human-readable differences (empty = identical).
 */
final class MailboxComparison {
    private MailboxComparison() { }

    private static final DateTimeFormatter D = DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ROOT);

    static String key(DovecotImap.Msg m) {
        return m.sha256() + " " + m.flags() + " " + ZonedDateTime.parse(m.internalDate().trim(), D).toEpochSecond();
    }

    static Map<String, Integer> multiset(List<DovecotImap.Msg> msgs) {
        Map<String, Integer> out = new HashMap<>();
        for (DovecotImap.Msg m : msgs) out.merge(key(m), 1, Integer::sum);
        return out;
    }

    /** Compares folder pairs (decoded source name → decoded target name). */
    static List<String> compare(DovecotServer src, String srcUser, DovecotServer tgt, String tgtUser, Map<String, String> pairs)
            throws IOException {
        return compare(src, srcUser, tgt.host(), tgt.imapPort(), tgtUser, tgt.password(tgtUser), pairs);
    }

    /** Compares with a target account on any IMAP server (e.g. Mailferry). */
    static List<String> compare(DovecotServer src, String srcUser, String host, int port, String tgtUser, String tgtPassword,
                                Map<String, String> pairs) throws IOException {
        List<String> diffs = new ArrayList<>();
        try (DovecotImap a = new DovecotImap(src.host(), src.imapPort(), srcUser, src.password(srcUser));
             DovecotImap b = new DovecotImap(host, port, tgtUser, tgtPassword)) {
            List<String> targetFolders = b.list();
            for (Map.Entry<String, String> p : pairs.entrySet()) {
                if (!targetFolders.contains(p.getValue())) {
                    diffs.add("target lacks folder '" + p.getValue() + "' (for '" + p.getKey() + "'); it has " + targetFolders);
                    continue;
                }
                Map<String, Integer> x = multiset(a.messages(p.getKey())), y = multiset(b.messages(p.getValue()));
                if (!x.equals(y)) {
                    diffs.add("'" + p.getKey() + "' -> '" + p.getValue() + "': " + x.size() + " distinct on the source, " + y.size()
                            + " on the target; only on source " + minus(x, y) + "; only on target " + minus(y, x));
                }
            }
        }
        return diffs;
    }

    private static List<String> minus(Map<String, Integer> a, Map<String, Integer> b) {
        List<String> out = new ArrayList<>();
        a.forEach((k, n) -> {
            int m = b.getOrDefault(k, 0);
            if (n > m) out.add((n - m) + "x " + k.substring(0, 12) + k.substring(64));
        });
        return out;
    }

    /** Expected decoded target name, written from the documented rules (not from FolderMapper). */
    static String expectedName(List<String> levels, DovecotServer.Layout from, DovecotServer.Layout to) {
        if (levels.size() == 1 && levels.get(0).equals("INBOX")) return "INBOX";
        // the source stores the path joined by its separator; re-split it as the source would list it
        List<String> real = List.of(String.join(String.valueOf(from.separator), levels).split(java.util.regex.Pattern.quote(String.valueOf(from.separator))));
        List<String> mapped = new ArrayList<>();
        for (String l : real) {
            String m = l;
            if (m.endsWith(".mbox")) m = m.replace(".mbox", "-mbox");
            if (m.endsWith(".mdir")) m = m.replace(".mdir", "-mdir");
            mapped.add(m.replace(to.separator, '_'));
        }
        return to.prefix + String.join(String.valueOf(to.separator), mapped);
    }
}
