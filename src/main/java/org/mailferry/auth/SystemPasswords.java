package org.mailferry.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.mailferry.auth.scheme.LibCrypt;
import org.mailferry.auth.scheme.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OS passwords for accounts with {@code UseSysPassword}: looks the user up in {@code /etc/shadow} (or in
 * {@code /etc/passwd} when its password field holds the hash) and checks the password with the system's own
 * crypt(3) through {@link LibCrypt}, so every method the OS writes (yescrypt, SHA-crypt, bcrypt, DES…) works.
 * Reads the files at each call (they change under us; they are small). Needs root to read {@code /etc/shadow}.
 *
 * <p>Refuses, without saying why to the caller: unknown users, locked ({@code !…}, {@code *}) and empty
 * passwords, accounts past their shadow expiry date. Does not use PAM (no session, no account modules); that is a
 * documented limitation.
 */
public final class SystemPasswords {
    private static final Logger log = LoggerFactory.getLogger(SystemPasswords.class);
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]{0,31}\\$?");
    private static final long MAX_FILE = 64L << 20;

    private final Path shadow;
    private final Path passwd;
    private final LibCrypt crypt;
    private final Clock clock;

    public SystemPasswords(Path shadow, Path passwd, LibCrypt crypt, Clock clock) {
        this.shadow = shadow;
        this.passwd = passwd;
        this.crypt = crypt;
        this.clock = clock;
    }

    /** The system's {@code /etc/shadow} and {@code /etc/passwd} with the system's libcrypt. */
    public static SystemPasswords system() {
        return new SystemPasswords(Path.of("/etc/shadow"), Path.of("/etc/passwd"), LibCrypt.system(),
                Clock.systemUTC());
    }

    /** Whether {@code password} is the OS password of {@code osUser}. */
    public boolean verify(String osUser, String password) {
        if (osUser == null || password == null || password.isEmpty() || !USER.matcher(osUser).matches()) {
            return false;
        }
        Optional<String> hash = hashOf(osUser);
        if (hash.isEmpty()) {
            return false;
        }
        String h = hash.get();
        if (h.isEmpty() || h.startsWith("!") || h.startsWith("*")) {
            return false;
        }
        if (crypt.unavailableReason().isPresent()) {
            log.error("UseSysPassword: cannot check OS passwords: {}", crypt.unavailableReason().get());
            return false;
        }
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        try {
            return crypt.crypt(pw, h).map(c -> Secrets.equal(c, h)).orElse(false);
        } finally {
            Secrets.wipe(pw);
        }
    }

    /** The stored hash of {@code user}, or empty when there is no such user or the account has expired. */
    private Optional<String> hashOf(String user) {
        Optional<String[]> s = entry(shadow, user);
        if (s.isPresent()) {
            String[] f = s.get();
            if (f.length > 7 && !f[7].isEmpty()) {
                try {
                    if (LocalDate.now(clock).toEpochDay() >= Long.parseLong(f[7])) {
                        return Optional.empty(); // expired
                    }
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            return Optional.of(f.length > 1 ? f[1] : "");
        }
        Optional<String[]> p = entry(passwd, user);
        if (p.isPresent() && p.get().length > 1 && !p.get()[1].equals("x")) {
            return Optional.of(p.get()[1]);
        }
        return Optional.empty();
    }

    private static Optional<String[]> entry(Path file, String user) {
        List<String> lines;
        try {
            if (!Files.isReadable(file) || Files.size(file) > MAX_FILE) {
                return Optional.empty();
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            log.warn("UseSysPassword: cannot read {}: {}", file, e.toString());
            return Optional.empty();
        }
        String prefix = user + ":";
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                return Optional.of(line.split(":", -1));
            }
        }
        return Optional.empty();
    }
}
