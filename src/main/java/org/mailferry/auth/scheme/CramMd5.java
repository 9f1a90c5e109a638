package org.mailferry.auth.scheme;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Dovecot's {@code {CRAM-MD5}} (also {@code {HMAC-MD5}}): the HMAC-MD5 key states of the password (see
 * {@link HmacMd5State}). Not salted, and enough to log in with CRAM-MD5, so as sensitive as a clear password; it
 * exists so that CRAM-MD5 keeps working for users migrated from Dovecot without their clear text.
 */
public final class CramMd5 implements PasswordScheme.Encoding {
    public static final CramMd5 INSTANCE = new CramMd5();

    private CramMd5() {
    }

    @Override
    public String name() {
        return "CRAM-MD5";
    }

    @Override
    public void validate(String hash) {
        HmacMd5State.parse(hash);
    }

    @Override
    public boolean verify(String hash, byte[] password) {
        try {
            return HmacMd5State.parse(hash).sameKeyAs(HmacMd5State.of(password));
        } catch (InvalidPasswordException e) {
            return false;
        }
    }

    @Override
    public Optional<HmacMd5State> cramMd5(String hash) {
        return Optional.of(HmacMd5State.parse(hash));
    }

    @Override
    public String encode(byte[] password, HashPolicy policy, SecureRandom random) {
        return HmacMd5State.of(password).toHex();
    }
}
