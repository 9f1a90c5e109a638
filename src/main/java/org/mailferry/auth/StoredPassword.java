package org.mailferry.auth;

import org.mailferry.auth.scheme.ACrpt;
import org.mailferry.auth.scheme.InvalidPasswordException;
import org.mailferry.auth.scheme.PasswordScheme;

/**
 * A stored {@code Password} account setting, read as CommuniGate Pro reads it: a string beginning with byte
 * {@code \001} is Mailferry's A-crpt, one beginning with byte {@code \002} is an imported hash selected by its form,
 * an empty string is "no password", and anything else is the clear password itself.
 *
 * <p>{@link #parse} only recognises the form; checking an imported hash in depth is
 * {@link PasswordSchemes#validate}'s job (done at import, not at every login).
 */
public sealed interface StoredPassword {
    char ACRPT_MARK = '\001';
    char IMPORTED_MARK = '\002';

    /** The name of the stored form in census reports. */
    String schemeName();

    /** No password: nothing verifies. */
    record None() implements StoredPassword {
        @Override
        public String schemeName() {
            return "none";
        }
    }

    /** A clear password. */
    record Clear(String password) implements StoredPassword {
        @Override
        public String schemeName() {
            return "clear";
        }

        @Override
        public String toString() {
            return "Clear[…]";
        }
    }

    /** A hash and the scheme that reads it: A-crpt ({@code \001}) or an imported form ({@code \002}). */
    record Hashed(PasswordScheme scheme, String hash) implements StoredPassword {
        @Override
        public String schemeName() {
            return scheme.name();
        }

        @Override
        public String toString() {
            return "Hashed[" + scheme.name() + "]";
        }
    }

    /** Recognises the form of a stored string; throws {@link InvalidPasswordException} for an unknown hash form. */
    static StoredPassword parse(String stored) {
        if (stored == null || stored.isEmpty()) {
            return new None();
        }
        return switch (stored.charAt(0)) {
            case ACRPT_MARK -> new Hashed(ACrpt.INSTANCE, stored.substring(1));
            case IMPORTED_MARK -> {
                PasswordSchemes.Match m = PasswordSchemes.recognise(stored.substring(1));
                yield new Hashed(m.scheme(), m.hash());
            }
            default -> new Clear(stored);
        };
    }
}
