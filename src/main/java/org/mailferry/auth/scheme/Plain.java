package org.mailferry.auth.scheme;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A clear password inside an imported form: {@code {PLAIN}}, {@code {CLEAR}}, {@code {CLEARTEXT}} (Dovecot,
 * OpenLDAP). Reversible, so every SASL method works with it.
 */
public final class Plain implements PasswordScheme {
    public static final Plain INSTANCE = new Plain();

    private Plain() {
    }

    @Override
    public String name() {
        return "PLAIN";
    }

    @Override
    public void validate(String hash) {
        if (hash.isEmpty()) {
            throw new InvalidPasswordException("{PLAIN} password is empty");
        }
    }

    @Override
    public boolean verify(String hash, byte[] password) {
        return !hash.isEmpty() && Secrets.equalSecrets(hash.getBytes(StandardCharsets.UTF_8), password);
    }

    @Override
    public Optional<String> clearText(String hash) {
        return Optional.of(hash);
    }
}
