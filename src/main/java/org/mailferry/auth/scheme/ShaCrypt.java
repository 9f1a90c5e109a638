package org.mailferry.auth.scheme;

import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * Ulrich Drepper's SHA-crypt: {@code $5$} (SHA-256) and {@code $6$} (SHA-512), optionally with
 * {@code rounds=N$} (default 5000, 1000..999,999,999 in the algorithm; we refuse over 1,000,000 at import).
 * Salt: up to 16 characters. Verification and hashing through commons-codec's {@code Sha2Crypt}.
 */
public final class ShaCrypt implements PasswordScheme.Encoding {
    public static final ShaCrypt SHA256 = new ShaCrypt("SHA256-CRYPT", "$5$", 43);
    public static final ShaCrypt SHA512 = new ShaCrypt("SHA512-CRYPT", "$6$", 86);
    private static final int DEFAULT_ROUNDS = 5000;

    private final String name;
    private final String prefix;
    private final Pattern form;

    private ShaCrypt(String name, String prefix, int hashLength) {
        this.name = name;
        this.prefix = prefix;
        this.form = Pattern.compile(Pattern.quote(prefix) + "(?:rounds=([0-9]{1,10})\\$)?[./0-9A-Za-z]{1,16}\\$"
                + "[./0-9A-Za-z]{" + hashLength + "}");
    }

    public String prefix() {
        return prefix;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean slow() {
        return true;
    }

    @Override
    public void validate(String hash) {
        Matcher m = form.matcher(hash);
        if (!m.matches()) {
            throw new InvalidPasswordException(name + " hash must be " + prefix + "[rounds=N$]SALT$HASH with a salt "
                    + "of 1-16 characters of ./0-9A-Za-z and a hash of " + (this == SHA256 ? 43 : 86) + " characters");
        }
        if (m.group(1) != null) {
            Limits.iterations(name + " rounds", Long.parseLong(m.group(1)), 1000);
        }
    }

    @Override
    public boolean verify(String hash, byte[] password) {
        try {
            validate(hash);
        } catch (InvalidPasswordException e) {
            return false;
        }
        return Secrets.equal(crypt(password, hash), hash);
    }

    @Override
    public boolean weakerThan(String hash, HashPolicy policy) {
        Matcher m = form.matcher(hash);
        return m.matches() && (m.group(1) == null ? DEFAULT_ROUNDS : Long.parseLong(m.group(1)))
                < policy.shaCryptRounds();
    }

    @Override
    public String encode(byte[] password, HashPolicy policy, SecureRandom random) {
        String rounds = policy.shaCryptRounds() == DEFAULT_ROUNDS ? "" : "rounds=" + policy.shaCryptRounds() + "$";
        return crypt(password, prefix + rounds + CryptAlphabet.salt(random, 16));
    }

    private String crypt(byte[] password, String setting) {
        return this == SHA256 ? Sha2Crypt.sha256Crypt(password, setting) : Sha2Crypt.sha512Crypt(password, setting);
    }
}
