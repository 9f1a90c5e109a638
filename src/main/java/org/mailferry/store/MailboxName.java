package org.mailferry.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mailbox names: validation, the canonical form, and where a name lives in the account folder.
 *
 * <p>A name is {@code /}-separated components; {@code INBOX} (any case) is spelt {@code INBOX}; a trailing
 * {@code /} names a folder only. On disk mailbox {@code A/B} is {@code A.folder/B.mbox} (or {@code .mdir}),
 * folder {@code A/} is the directory {@code A.folder}. Components are kept as UTF-8 file names; {@code %},
 * control characters, a leading {@code .} or {@code ~}, and a final dot before a reserved extension are
 * written as {@code %XX}, so every name maps to one file name and back. See docs/formats.md.
 */
public final class MailboxName {
    public static final String INBOX = "INBOX";
    public static final String FOLDER_EXT = ".folder";
    public static final int MAX_NAME_BYTES = 1000;
    public static final int MAX_COMPONENT_BYTES = 200;
    private static final String[] RESERVED = {".mbox", ".mdir", ".folder", ".mfidx", ".mfjrn", ".mfmeta", ".tmp"};

    private MailboxName() {
    }

    /**
     * The canonical form of {@code name} (INBOX upper-cased, trailing '/' kept for folders).
     *
     * @throws StoreException {@code CANNOT} when the name is not valid
     */
    public static String canonical(String name) throws StoreException {
        if (name == null || name.isEmpty()) {
            throw cannot("empty mailbox name");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw cannot("mailbox name too long");
        }
        boolean folder = name.endsWith("/");
        String body = folder ? name.substring(0, name.length() - 1) : name;
        if (body.isEmpty() || body.startsWith("/") || body.contains("//")) {
            throw cannot("mailbox name has an empty level");
        }
        String[] parts = body.split("/", -1);
        for (String p : parts) {
            if (p.equals(".") || p.equals("..")) {
                throw cannot("mailbox name has a '.' or '..' level");
            }
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    throw cannot("mailbox name has a control character");
                }
            }
            if (encodeComponent(p).getBytes(StandardCharsets.UTF_8).length > MAX_COMPONENT_BYTES) {
                throw cannot("mailbox name level too long");
            }
        }
        if (parts[0].equalsIgnoreCase(INBOX)) {
            parts[0] = INBOX;
        }
        return String.join("/", parts) + (folder ? "/" : "");
    }

    public static boolean isInbox(String canonical) {
        return INBOX.equals(canonical);
    }

    public static boolean isFolderOnly(String canonical) {
        return canonical.endsWith("/");
    }

    /** The parent name ({@code A/B} → {@code A}), or null at the top. */
    public static String parent(String canonical) {
        String n = isFolderOnly(canonical) ? canonical.substring(0, canonical.length() - 1) : canonical;
        int i = n.lastIndexOf('/');
        return i < 0 ? null : n.substring(0, i);
    }

    /** The directory holding mailbox {@code canonical}'s file (the account folder at the top). */
    public static Path parentDir(Path account, String canonical) {
        String p = parent(canonical);
        return p == null ? account : folderDir(account, p);
    }

    /** The directory of folder {@code name} ({@code A/B} → {@code A.folder/B.folder}). */
    public static Path folderDir(Path account, String name) {
        String n = isFolderOnly(name) ? name.substring(0, name.length() - 1) : name;
        Path dir = account;
        for (String c : n.split("/")) {
            dir = dir.resolve(encodeComponent(c) + FOLDER_EXT);
        }
        return dir;
    }

    /** The file (mbox) or directory (mdir) of mailbox {@code canonical} in format {@code f}. */
    public static Path mailboxPath(Path account, String canonical, MailboxFormat f) {
        return parentDir(account, canonical).resolve(encodeComponent(leaf(canonical)) + f.extension());
    }

    /** The last level of a name. */
    public static String leaf(String canonical) {
        String n = isFolderOnly(canonical) ? canonical.substring(0, canonical.length() - 1) : canonical;
        int i = n.lastIndexOf('/');
        return i < 0 ? n : n.substring(i + 1);
    }

    /** The levels of a name. */
    public static List<String> levels(String canonical) {
        String n = isFolderOnly(canonical) ? canonical.substring(0, canonical.length() - 1) : canonical;
        return new ArrayList<>(List.of(n.split("/")));
    }

    /** One name level as a file name (without extension). */
    public static String encodeComponent(String c) {
        StringBuilder sb = new StringBuilder(c.length() + 8);
        int reservedDot = -1;
        for (String r : RESERVED) {
            if (c.length() > r.length() && c.regionMatches(true, c.length() - r.length(), r, 0, r.length())) {
                reservedDot = c.length() - r.length();
            }
        }
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            boolean esc = ch == '%' || ch < 0x20 || ch == 0x7f || ch == '\\'
                    || (i == 0 && (ch == '.' || ch == '~')) || i == reservedDot;
            if (esc) {
                sb.append('%').append(String.format("%02X", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** The inverse of {@link #encodeComponent}. Malformed escapes are kept as they are. */
    public static String decodeComponent(String f) {
        if (f.indexOf('%') < 0) {
            return f;
        }
        StringBuilder sb = new StringBuilder(f.length());
        for (int i = 0; i < f.length(); i++) {
            char ch = f.charAt(i);
            if (ch == '%' && i + 2 < f.length()) {
                int hi = hex(f.charAt(i + 1));
                int lo = hex(f.charAt(i + 2));
                if (hi >= 0 && lo >= 0) {
                    sb.append((char) (hi * 16 + lo));
                    i += 2;
                    continue;
                }
            }
            sb.append(ch);
        }
        return sb.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static StoreException cannot(String why) {
        return new StoreException(StoreException.Reason.CANNOT, why);
    }
}
