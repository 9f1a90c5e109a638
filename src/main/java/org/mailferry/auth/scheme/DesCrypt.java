package org.mailferry.auth.scheme;

import org.apache.commons.codec.digest.UnixCrypt;

/**
 * Traditional DES crypt(3): two salt characters and eleven hash characters, 13 in all, from {@code ./0-9A-Za-z}.
 * Only the first eight characters of a password count (a property of the algorithm). Verification through
 * commons-codec's {@code UnixCrypt}.
 *
 * <p>CommuniGate Pro's documentation shows 14- and 15-character "Unix-crypt" strings ({@code AslUzT1JkPsocc},
 * {@code YIdhkjeHDKbYsji}); so that its own examples import, up to three trailing characters after the 13 are
 * accepted and ignored: the crypt result must equal the first 13 characters (see docs/passwords.md). Not for new
 * passwords.
 */
public final class DesCrypt implements PasswordScheme {
    public static final DesCrypt INSTANCE = new DesCrypt();
    static final int LENGTH = 13;
    static final int MAX_LENGTH = 16;

    private DesCrypt() {
    }

    /** Whether {@code s} has the traditional crypt form (13–16 crypt-alphabet characters). */
    public static boolean looksLike(String s) {
        return s.length() >= LENGTH && s.length() <= MAX_LENGTH && CryptAlphabet.all(s);
    }

    @Override
    public String name() {
        return "DES-CRYPT";
    }

    @Override
    public void validate(String hash) {
        if (!looksLike(hash)) {
            throw new InvalidPasswordException("DES-CRYPT hash must be 13 characters of ./0-9A-Za-z (2 salt + 11 "
                    + "hash), got " + hash.length() + " characters" + (CryptAlphabet.all(hash) ? "" : " with others"));
        }
    }

    @Override
    public boolean verify(String hash, byte[] password) {
        if (!looksLike(hash)) {
            return false;
        }
        String computed = UnixCrypt.crypt(password, hash.substring(0, 2));
        return Secrets.equal(computed, hash.substring(0, LENGTH));
    }
}
