package org.mailferry.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mailferry.auth.scheme.ACrpt;
import org.mailferry.auth.scheme.HashPolicy;
import org.mailferry.auth.scheme.HmacMd5State;
import org.mailferry.auth.scheme.InvalidPasswordException;
import org.mailferry.auth.scheme.PasswordScheme;
import org.mailferry.auth.scheme.SaslPrep;
import org.mailferry.auth.scheme.ScramCredentials;
import org.mailferry.auth.scheme.Secrets;

/**
 * The password API the directory and the protocols use, on stored {@code Password} strings in CommuniGate Pro's
 * forms (see {@link StoredPassword}): verify a login, hash a new password with an account's
 * {@code PasswordEncryption}, validate an imported hash, name its scheme for the census, decide on a re-hash, and
 * hand out what the secure SASL methods need (clear text, SCRAM keys, CRAM-MD5 key state).
 *
 * <p>Never logs, never puts a password or hash in an exception message. Slow hashes (argon2, bcrypt, yescrypt,
 * SHA-crypt, PBKDF2) run on a small pool of platform threads ({@link SlowHashes}), at most one per CPU at a time,
 * so a burst of logins can neither exhaust memory nor stall the virtual threads of other sessions. Passwords over
 * {@link #MAX_PASSWORD_BYTES} never verify and cannot be set (SHA-crypt's cost grows with the password's length).
 */
public final class Passwords {
    /** The longest password accepted, in UTF-8 bytes. */
    public static final int MAX_PASSWORD_BYTES = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** {@code PasswordEncryption} value for clear passwords. */
    public static final String CLEAR = "clear";

    private Passwords() {
    }

    /**
     * Whether {@code candidate} is the password {@code stored} holds. False for an empty stored password, an empty
     * candidate, and a stored string of unknown or malformed form (which {@link #validate} refuses at import).
     */
    public static boolean verify(String stored, String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return false;
        }
        StoredPassword p;
        try {
            p = StoredPassword.parse(stored);
        } catch (InvalidPasswordException e) {
            return false;
        }
        byte[] password = candidate.getBytes(StandardCharsets.UTF_8);
        if (password.length > MAX_PASSWORD_BYTES) {
            return false;
        }
        try {
            return switch (p) {
                case StoredPassword.None n -> false;
                case StoredPassword.Clear c -> Secrets.equalSecrets(c.password().getBytes(StandardCharsets.UTF_8),
                        password);
                case StoredPassword.Hashed h -> verify(h.scheme(), h.hash(), password);
            };
        } finally {
            Secrets.wipe(password);
        }
    }

    /**
     * {@link #verify} for a login whose account may not exist ({@code stored} empty): then it spends about as long
     * as checking an A-crpt password and returns false, so the time taken does not tell whether the account exists.
     */
    public static boolean verifyAccount(Optional<String> stored, String candidate) {
        if (stored.isPresent()) {
            return verify(stored.get(), candidate);
        }
        verify(DummyHash.VALUE, candidate == null || candidate.isEmpty() ? "x" : candidate);
        return false;
    }

    /** An A-crpt hash of a random password, made on first use. */
    private static final class DummyHash {
        static final String VALUE = encode("A-crpt", java.util.UUID.randomUUID().toString());
    }

    private static boolean verify(PasswordScheme scheme, String hash, byte[] password) {
        return scheme.slow() ? SlowHashes.run(() -> scheme.verify(hash, password), false)
                : scheme.verify(hash, password);
    }

    /** {@link #encode(String, String, HashPolicy)} with {@link HashPolicy#DEFAULT}. */
    public static String encode(String encryption, String clearPassword) {
        return encode(encryption, clearPassword, HashPolicy.DEFAULT);
    }

    /**
     * The stored string for a new password under an account's effective {@code PasswordEncryption}: {@code clear}
     * (the password itself), {@code A-crpt} ({@code \001}…), or one of {@link #encryptions()} ({@code \002}…).
     *
     * @throws InvalidPasswordException for an unknown encryption, an empty password, or one the scheme cannot
     *                                  hash (a NUL byte for yescrypt)
     */
    public static String encode(String encryption, String clearPassword, HashPolicy policy) {
        if (clearPassword == null || clearPassword.isEmpty()) {
            throw new InvalidPasswordException("the password is empty");
        }
        if (clearPassword.length() > MAX_PASSWORD_BYTES / 3
                && clearPassword.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new InvalidPasswordException("the password is longer than " + MAX_PASSWORD_BYTES + " bytes");
        }
        if (encryption.equalsIgnoreCase(CLEAR)) {
            if (clearPassword.charAt(0) == StoredPassword.ACRPT_MARK
                    || clearPassword.charAt(0) == StoredPassword.IMPORTED_MARK) {
                throw new InvalidPasswordException("a clear password may not begin with byte 1 or 2 (they mark "
                        + "hashed passwords)");
            }
            return clearPassword;
        }
        PasswordScheme.Encoding scheme = PasswordSchemes.encoder(encryption);
        byte[] password = clearPassword.getBytes(StandardCharsets.UTF_8);
        try {
            String hash = scheme.slow() ? SlowHashes.run(() -> scheme.encode(password, policy, RANDOM), null)
                    : scheme.encode(password, policy, RANDOM);
            if (hash == null) {
                throw new InvalidPasswordException("interrupted while hashing the password");
            }
            return scheme == ACrpt.INSTANCE ? StoredPassword.ACRPT_MARK + hash
                    : StoredPassword.IMPORTED_MARK + PasswordSchemes.importedForm(scheme, hash);
        } finally {
            Secrets.wipe(password);
        }
    }

    /**
     * Checks any stored {@code Password} value: clear and empty strings pass; {@code \001} must be a well-formed
     * A-crpt string; {@code \002} must be an imported hash of a known form, well formed.
     *
     * @throws InvalidPasswordException saying what is wrong (never echoing the hash)
     */
    public static void validate(String stored) {
        switch (StoredPassword.parse(stored)) {
            case StoredPassword.Hashed h -> h.scheme().validate(h.hash());
            case StoredPassword.None n -> { }
            case StoredPassword.Clear c -> { }
        }
    }

    /**
     * The stored string for a hash taken from another system (the UnixPassword column of an import file, an LDAP
     * {@code userPassword}, a shadow entry): validates it and adds the {@code \002} byte.
     */
    public static String importHash(String hash) {
        PasswordSchemes.validate(hash);
        return StoredPassword.IMPORTED_MARK + hash;
    }

    /**
     * The census name of a stored string's scheme: {@code clear}, {@code none} (empty), {@code A-crpt}, a scheme
     * name such as {@code DES-CRYPT}, {@code MD5-CRYPT}, {@code SSHA}, or {@code invalid} for an unknown form.
     */
    public static String schemeName(String stored) {
        try {
            return StoredPassword.parse(stored).schemeName();
        } catch (InvalidPasswordException e) {
            return "invalid";
        }
    }

    /** {@link #needsRehash(String, String, HashPolicy)} with {@link HashPolicy#DEFAULT}. */
    public static boolean needsRehash(String stored, String effectiveEncryption) {
        return needsRehash(stored, effectiveEncryption, HashPolicy.DEFAULT);
    }

    /**
     * Whether a password that just verified should be stored again with {@link #encode}: its scheme differs from
     * the account's effective {@code PasswordEncryption}, or it is that scheme with cost parameters below
     * {@code policy}. False for an empty or unreadable stored string and for an unknown encryption.
     */
    public static boolean needsRehash(String stored, String effectiveEncryption, HashPolicy policy) {
        StoredPassword p;
        PasswordScheme target;
        try {
            p = StoredPassword.parse(stored);
            if (effectiveEncryption.equalsIgnoreCase(CLEAR)) {
                return p instanceof StoredPassword.Hashed;
            }
            target = PasswordSchemes.encoder(effectiveEncryption);
        } catch (InvalidPasswordException e) {
            return false;
        }
        return switch (p) {
            case StoredPassword.None n -> false;
            case StoredPassword.Clear c -> true;
            case StoredPassword.Hashed h -> !h.scheme().name().equals(target.name()) || weaker(h, policy);
        };
    }

    private static boolean weaker(StoredPassword.Hashed h, HashPolicy policy) {
        try {
            return h.scheme().weakerThan(h.hash(), policy);
        } catch (InvalidPasswordException e) {
            return false;
        }
    }

    /** The clear password, when stored reversibly (clear, or an imported {@code {PLAIN}}); needed by APOP. */
    public static Optional<String> clearText(String stored) {
        try {
            return switch (StoredPassword.parse(stored)) {
                case StoredPassword.Clear c -> Optional.of(c.password());
                case StoredPassword.Hashed h -> h.scheme().clearText(h.hash());
                case StoredPassword.None n -> Optional.empty();
            };
        } catch (InvalidPasswordException e) {
            return Optional.empty();
        }
    }

    /**
     * SCRAM-SHA-256 keys for a stored password: from A-crpt and {@code {SCRAM-SHA-256}} as stored; from a clear
     * password derived with {@code salt} and {@code iterations} (the caller picks a salt stable per user, so that
     * replies do not tell which accounts store clear passwords). Empty when the stored form cannot serve SCRAM.
     */
    public static Optional<ScramCredentials> scramSha256(String stored, byte[] saltForClear, int iterations) {
        try {
            return switch (StoredPassword.parse(stored)) {
                case StoredPassword.Hashed h when h.scheme().clearText(h.hash()).isEmpty() ->
                        h.scheme().scramSha256(h.hash());
                case StoredPassword.None n -> Optional.empty();
                default -> clearText(stored).map(pw -> deriveScram(pw, saltForClear, iterations));
            };
        } catch (InvalidPasswordException e) {
            return Optional.empty();
        }
    }

    private static ScramCredentials deriveScram(String password, byte[] salt, int iterations) {
        return SlowHashes.run(() -> ScramCredentials.derive(ScramCredentials.Hash.SHA_256,
                SaslPrep.forKeys(password.getBytes(StandardCharsets.UTF_8)), salt, iterations), null);
    }

    /** The HMAC-MD5 key state CRAM-MD5 needs: from a clear password or an imported {@code {CRAM-MD5}}. */
    public static Optional<HmacMd5State> cramMd5(String stored) {
        Optional<String> clear = clearText(stored);
        if (clear.isPresent()) {
            return Optional.of(HmacMd5State.of(clear.get().getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return StoredPassword.parse(stored) instanceof StoredPassword.Hashed h ? h.scheme().cramMd5(h.hash())
                    : Optional.empty();
        } catch (InvalidPasswordException e) {
            return Optional.empty();
        }
    }

    /** Every accepted {@code PasswordEncryption} value, canonical spelling. */
    public static List<String> encryptions() {
        return PasswordSchemes.encryptionNames();
    }

    /** The canonical spelling of a {@code PasswordEncryption} value ({@code a-crpt} → {@code A-crpt}). */
    public static String canonicalEncryption(String encryption) {
        if (encryption.equalsIgnoreCase(CLEAR)) {
            return CLEAR;
        }
        if (encryption.toUpperCase(Locale.ROOT).equals("U-CRPT")) {
            return "U-crpt";
        }
        return PasswordSchemes.encoder(encryption).name();
    }
}
