package org.mailferry.auth.scheme;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Dovecot's {@code {SCRAM-SHA-256}} and {@code {SCRAM-SHA-1}} forms: {@code iterations,salt,StoredKey,ServerKey}
 * (see {@link ScramCredentials}). SCRAM-SHA-256 logins use the keys directly; plain logins are checked by
 * deriving the keys from the SASLprep'ed candidate.
 */
public final class Scram implements PasswordScheme.Encoding {
    public static final Scram SHA_256 = new Scram("SCRAM-SHA-256", ScramCredentials.Hash.SHA_256);
    public static final Scram SHA_1 = new Scram("SCRAM-SHA-1", ScramCredentials.Hash.SHA_1);

    private final String name;
    private final ScramCredentials.Hash hash;

    private Scram(String name, ScramCredentials.Hash hash) {
        this.name = name;
        this.hash = hash;
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
    public void validate(String text) {
        ScramCredentials.parse(hash, text, name);
    }

    @Override
    public boolean verify(String text, byte[] password) {
        try {
            return ScramCredentials.parse(hash, text, name).matches(SaslPrep.forKeys(password));
        } catch (InvalidPasswordException e) {
            return false;
        }
    }

    @Override
    public Optional<ScramCredentials> scramSha256(String text) {
        return hash == ScramCredentials.Hash.SHA_256 ? Optional.of(ScramCredentials.parse(hash, text, name))
                : Optional.empty();
    }

    @Override
    public boolean weakerThan(String text, HashPolicy policy) {
        return ScramCredentials.parse(hash, text, name).iterations() < policy.scramIterations();
    }

    @Override
    public String encode(byte[] password, HashPolicy policy, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return ScramCredentials.derive(hash, SaslPrep.forKeys(password), salt, policy.scramIterations()).toText();
    }
}
