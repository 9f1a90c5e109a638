package org.mailferry.auth.scheme;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * One password hashing scheme: checks a stored hash against a candidate, validates a hash's form, and tells which
 * secure SASL methods the hash can serve.
 *
 * <p>The {@code hash} handed to these methods is the scheme's own text, after the registry removed any
 * {@code {SCHEME}} prefix (so {@code $6$salt$…}, not {@code {SHA512-CRYPT}$6$salt$…}). Candidates are the UTF-8
 * bytes of the password as the client sent it. Implementations compare in constant time and return
 * {@code false} (never throw) for a malformed hash in {@link #verify}.
 */
public interface PasswordScheme {

    /** The scheme's name in census reports and as a {@code PasswordEncryption} value, e.g. {@code SHA512-CRYPT}. */
    String name();

    /** Throws {@link InvalidPasswordException} saying what is wrong when {@code hash} is not of this scheme's form. */
    void validate(String hash);

    /** Whether {@code password} matches {@code hash}. */
    boolean verify(String hash, byte[] password);

    /** Whether one verification costs enough (CPU or memory) that concurrent ones should be bounded. */
    default boolean slow() {
        return false;
    }

    /** The clear password when the scheme stores it reversibly ({@code {PLAIN}}); else empty. */
    default Optional<String> clearText(String hash) {
        return Optional.empty();
    }

    /** SCRAM-SHA-256 keys when the hash carries them (A-crpt, {@code {SCRAM-SHA-256}}); else empty. */
    default Optional<ScramCredentials> scramSha256(String hash) {
        return Optional.empty();
    }

    /** The HMAC-MD5 key state CRAM-MD5 needs, when the hash carries it ({@code {CRAM-MD5}}); else empty. */
    default Optional<HmacMd5State> cramMd5(String hash) {
        return Optional.empty();
    }

    /** Whether the hash's cost parameters are below {@code policy}'s (a same-scheme rehash candidate). */
    default boolean weakerThan(String hash, HashPolicy policy) {
        return false;
    }

    /** A scheme that can also hash new passwords (one usable as an account's {@code PasswordEncryption}). */
    interface Encoding extends PasswordScheme {
        /** Hashes {@code password} with fresh salt from {@code random}; returns the scheme's own text form. */
        String encode(byte[] password, HashPolicy policy, SecureRandom random);
    }
}
