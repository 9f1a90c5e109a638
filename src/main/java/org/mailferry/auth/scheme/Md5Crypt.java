package org.mailferry.auth.scheme;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * MD5-crypt (Poul-Henning Kamp's {@code $1$salt$hash}) and Apache's variant {@code $apr1$salt$hash}, through
 * commons-codec's {@code Md5Crypt}. Salt: 1–8 crypt-alphabet characters; hash: 22 characters. Legacy: accepted for
 * import and, for old tools that need it, as an encryption for new passwords.
 */
public final class Md5Crypt implements PasswordScheme.Encoding {
    public static final Md5Crypt MD5 = new Md5Crypt("MD5-CRYPT", "$1$");
    public static final Md5Crypt APR1 = new Md5Crypt("APR1-MD5", "$apr1$");

    private final String name;
    private final String prefix;
    private final Pattern form;

    private Md5Crypt(String name, String prefix) {
        this.name = name;
        this.prefix = prefix;
        this.form = Pattern.compile(Pattern.quote(prefix) + "[./0-9A-Za-z]{1,8}\\$[./0-9A-Za-z]{22}");
    }

    public String prefix() {
        return prefix;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void validate(String hash) {
        if (!form.matcher(hash).matches()) {
            throw new InvalidPasswordException(name + " hash must be " + prefix + "SALT$HASH with a salt of 1-8 and "
                    + "a hash of 22 characters of ./0-9A-Za-z");
        }
    }

    @Override
    public boolean verify(String hash, byte[] password) {
        if (!form.matcher(hash).matches()) {
            return false;
        }
        String computed = this == APR1 ? org.apache.commons.codec.digest.Md5Crypt.apr1Crypt(password, hash)
                : org.apache.commons.codec.digest.Md5Crypt.md5Crypt(password, hash);
        return Secrets.equal(computed, hash);
    }

    @Override
    public String encode(byte[] password, HashPolicy policy, SecureRandom random) {
        String salt = prefix + CryptAlphabet.salt(random, 8);
        return this == APR1 ? org.apache.commons.codec.digest.Md5Crypt.apr1Crypt(password, salt)
                : org.apache.commons.codec.digest.Md5Crypt.md5Crypt(password, salt);
    }
}
