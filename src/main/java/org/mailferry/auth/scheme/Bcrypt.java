package org.mailferry.auth.scheme;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}; Dovecot's BLF-CRYPT), through Bouncy Castle's
 * {@code OpenBSDBCrypt}. Form: {@code $2y$CC$} + 22 salt + 31 hash characters of bcrypt's own base64. Passwords are
 * cut at 72 bytes, as every bcrypt does. New hashes use {@code $2y$} (what Dovecot, PHP and htpasswd write); cost
 * over 17 is refused at import.
 */
public final class Bcrypt implements PasswordScheme.Encoding {
    public static final Bcrypt INSTANCE = new Bcrypt();
    private static final Pattern FORM = Pattern.compile("\\$2[aby]\\$([0-9]{2})\\$[./A-Za-z0-9]{53}");
    private static final int MAX_KEY = 72;

    private Bcrypt() {
    }

    public static boolean looksLike(String s) {
        return s.startsWith("$2a$") || s.startsWith("$2b$") || s.startsWith("$2y$") || s.startsWith("$2x$")
                || s.startsWith("$2$");
    }

    @Override
    public String name() {
        return "BLF-CRYPT";
    }

    @Override
    public boolean slow() {
        return true;
    }

    @Override
    public void validate(String hash) {
        Matcher m = FORM.matcher(hash);
        if (!m.matches()) {
            if (hash.startsWith("$2x$") || hash.startsWith("$2$")) {
                throw new InvalidPasswordException("bcrypt versions $2$ and $2x$ (hashes from the 2011 crypt_blowfish "
                        + "bug) are not supported; only $2a$, $2b$ and $2y$");
            }
            throw new InvalidPasswordException("bcrypt hash must be $2a$, $2b$ or $2y$, a two-digit cost, $, and 53 "
                    + "characters of ./A-Za-z0-9 (22 salt + 31 hash)");
        }
        int cost = Integer.parseInt(m.group(1));
        if (cost < 4 || cost > Limits.MAX_BCRYPT_COST) {
            throw new InvalidPasswordException("bcrypt cost must be 04.." + Limits.MAX_BCRYPT_COST + ", got " + cost);
        }
    }

    @Override
    public boolean verify(String hash, byte[] password) {
        try {
            validate(hash);
            return OpenBSDBCrypt.checkPassword(hash, key(password));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public boolean weakerThan(String hash, HashPolicy policy) {
        Matcher m = FORM.matcher(hash);
        return m.matches() && Integer.parseInt(m.group(1)) < policy.bcryptCost();
    }

    @Override
    public String encode(byte[] password, HashPolicy policy, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", key(password), salt, policy.bcryptCost());
    }

    private static byte[] key(byte[] password) {
        return password.length > MAX_KEY ? Arrays.copyOf(password, MAX_KEY) : password;
    }
}
