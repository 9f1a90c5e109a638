package org.mailferry.migrate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Where a mover keeps an account's journal: {@code --journal DIR}, else {@code $MAILFERRY_JOURNAL}, else
 * {@code ~/.mailferry/journal}. The file name is readable (kind, users, hosts) plus a hash of the full
 * identity, so two accounts never share a journal and no password is ever part of it.
 */
public final class JournalFiles {
    private JournalFiles() { }

    public static Path dir(Path option) {
        if (option != null) return option;
        String env = System.getenv("MAILFERRY_JOURNAL");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".mailferry", "journal");
    }

    public static Path file(Path dir, String kind, HostPort source, String sourceUser, HostPort target, String targetUser) {
        String identity = kind + "\n" + source + "\n" + sourceUser + "\n" + target + "\n" + targetUser;
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)), 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String readable = (kind + "-" + sourceUser + "@" + source.host() + "-to-" + targetUser + "@" + target.host())
                .replaceAll("[^A-Za-z0-9._@-]", "_").toLowerCase(Locale.ROOT);
        if (readable.length() > 120) readable = readable.substring(0, 120);
        return dir.resolve(readable + "-" + hash + ".journal");
    }
}
