package org.mailferry.store.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A mailbox's durable metadata beside it (docs/formats.md §4): UIDVALIDITY, the UIDNEXT floor (UIDs are
 * never given twice even after the highest message is expunged), the mailbox class and its ACL. A Java
 * properties file, replaced atomically.
 */
public final class Meta {
    public long uidValidity;
    public long uidNext;
    public String mailboxClass;
    public final Map<String, String> acl = new TreeMap<>();

    public static Meta read(Path p) throws IOException {
        Meta m = new Meta();
        Properties pr = new Properties();
        try (InputStream in = Files.newInputStream(p)) {
            pr.load(in);
        } catch (NoSuchFileException e) {
            return m;
        } catch (IllegalArgumentException e) {
            throw new IOException(p + ": unreadable mailbox metadata: " + e.getMessage(), e);
        }
        m.uidValidity = number(pr.getProperty("UIDValidity"));
        m.uidNext = number(pr.getProperty("UIDNext"));
        m.mailboxClass = pr.getProperty("Class");
        for (String k : pr.stringPropertyNames()) {
            if (k.startsWith("ACL.")) {
                m.acl.put(k.substring(4), pr.getProperty(k));
            }
        }
        return m;
    }

    private static long number(String s) {
        if (s == null || !s.trim().matches("[0-9]{1,18}")) {
            return 0;
        }
        return Long.parseLong(s.trim());
    }

    public void write(Path p, boolean fsync) throws IOException {
        StringBuilder sb = new StringBuilder("# Mailferry mailbox metadata (docs/formats.md)\n");
        Properties one = new Properties();
        sb.append("UIDValidity=").append(uidValidity).append('\n');
        sb.append("UIDNext=").append(uidNext).append('\n');
        if (mailboxClass != null) {
            sb.append(line("Class", mailboxClass));
        }
        acl.forEach((k, v) -> sb.append(line("ACL." + k, v)));
        one.clear();
        Fs.atomicWrite(p, sb.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), fsync);
    }

    /** One properties line with Java's escapes (so any identifier round-trips). */
    private static String line(String k, String v) {
        Properties pr = new Properties();
        pr.setProperty(k, v);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            pr.store(out, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String s = out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        return s.substring(s.indexOf('\n') + 1);
    }
}
