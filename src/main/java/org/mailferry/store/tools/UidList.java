package org.mailferry.store.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The UIDs a Maildir's IMAP server gave its messages, read from Dovecot's {@code dovecot-uidlist} (versions 1
 * and 3) or Courier's {@code courierimapuiddb} (the version 1 layout), so an import keeps them.
 *
 * <pre>
 * 3 V1276528484 N34 G5d1ee4ba...       version 3: UIDVALIDITY after V, next UID after N
 * 1 :1276528487.M364837P9451.host      UID, optional extension fields (W2349 ...), ':' and the file name
 * 1 1276528484 34                      version 1 (Dovecot 1.0, Courier): UIDVALIDITY, next UID
 * 1 1276528487.M364837P9451.host       UID and the file name
 * </pre>
 *
 * File names are kept without their {@code :2,FLAGS} part, which changes when flags do. Lines that do not
 * parse are skipped. Pure parser; the import decides whether the UIDs can be kept.
 *
 * @param uidValidity the source's UIDVALIDITY (1 … 4294967295)
 * @param nextUid     the source's next UID (0 when not given)
 * @param uids        base file name → UID
 */
record UidList(long uidValidity, long nextUid, Map<String, Long> uids) {
    static final String DOVECOT = "dovecot-uidlist";
    static final String COURIER = "courierimapuiddb";
    private static final long MAX = 0xFFFFFFFFL;

    /** The list of the Maildir {@code dir}, or null when it has none (or its header is not understood). */
    static UidList read(Path dir) throws IOException {
        for (String n : new String[]{DOVECOT, COURIER}) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                    UidList l = parse(r);
                    if (l != null) {
                        return l;
                    }
                }
            }
        }
        return null;
    }

    static UidList parse(BufferedReader r) throws IOException {
        String head = r.readLine();
        if (head == null) {
            return null;
        }
        String[] h = head.trim().split("\\s+");
        long validity = 0;
        long next = 0;
        boolean v3 = h[0].equals("3");
        if (v3) {
            for (String f : h) {
                if (f.startsWith("V")) {
                    validity = number(f.substring(1));
                } else if (f.startsWith("N")) {
                    next = number(f.substring(1));
                }
            }
        } else if (h[0].equals("1") && h.length >= 3) {
            validity = number(h[1]);
            next = number(h[2]);
        } else {
            return null;
        }
        if (validity < 1 || validity > MAX) {
            return null;
        }
        Map<String, Long> uids = new HashMap<>();
        for (String line; (line = r.readLine()) != null; ) {
            int sp = line.indexOf(' ');
            if (sp <= 0) {
                continue;
            }
            long uid = number(line.substring(0, sp));
            String name;
            if (v3) {
                int colon = line.indexOf(" :", sp - 1);
                name = colon < 0 ? null : line.substring(colon + 2);
            } else {
                name = line.substring(sp + 1).trim();
            }
            if (uid < 1 || uid > MAX || name == null || name.isEmpty()) {
                continue;
            }
            uids.put(base(name), uid);
        }
        return new UidList(validity, next, uids);
    }

    /** A Maildir file name without its info part ({@code :2,FLAGS}). */
    static String base(String fileName) {
        int i = fileName.indexOf(':');
        return i < 0 ? fileName : fileName.substring(0, i);
    }

    private static long number(String s) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(s);
    }
}
