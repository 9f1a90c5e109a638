package org.mailferry.auth.scheme;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * A-crpt, Mailferry's own one-way password method (stored after a {@code \001} byte). One string carries two
 * verifiers of the same password, so that plain logins get a memory-hard check and SCRAM-SHA-256 keeps working
 * without the clear text:
 * <pre>
 *   A1;$argon2id$v=19$m=19456,t=2,p=1$SALT$HASH;4096,SCRAMSALT,STOREDKEY,SERVERKEY
 * </pre>
 * The middle part is an argon2id PHC string over the password's UTF-8 bytes (16-byte salt, 32-byte hash); the last
 * is the SCRAM-SHA-256 keys over SASLprep(password) in Dovecot's {@code {SCRAM-SHA-256}} form (own 16-byte salt).
 * Plain logins are checked against the argon2id part only. The exact construction is in docs/passwords.md.
 */
public final class ACrpt implements PasswordScheme.Encoding {
    public static final ACrpt INSTANCE = new ACrpt();
    /** Version tag of the layout above. */
    public static final String VERSION = "A1";

    private ACrpt() {
    }

    private record Parts(String argon2, String scram) {
    }

    private static Parts split(String hash) {
        String[] p = hash.split(";", -1);
        if (p.length != 3 || !p[0].equals(VERSION)) {
            throw new InvalidPasswordException("A-crpt string must be A1;ARGON2ID-PHC;SCRAM-KEYS (Mailferry's form; "
                    + "CommuniGate Pro's own A-crpt hashes cannot be verified: its algorithm is not published)");
        }
        return new Parts(p[1], p[2]);
    }

    @Override
    public String name() {
        return "A-crpt";
    }

    @Override
    public boolean slow() {
        return true;
    }

    @Override
    public void validate(String hash) {
        Parts p = split(hash);
        if (Argon2.forPhc(p.argon2) != Argon2.ID) {
            throw new InvalidPasswordException("A-crpt's first part must be an $argon2id$ PHC string");
        }
        Argon2.ID.validate(p.argon2);
        ScramCredentials.parse(ScramCredentials.Hash.SHA_256, p.scram, "A-crpt SCRAM-SHA-256");
    }

    @Override
    public boolean verify(String hash, byte[] password) {
        try {
            validate(hash);
        } catch (InvalidPasswordException e) {
            return false;
        }
        return Argon2.ID.verify(split(hash).argon2, password);
    }

    @Override
    public Optional<ScramCredentials> scramSha256(String hash) {
        return Optional.of(ScramCredentials.parse(ScramCredentials.Hash.SHA_256, split(hash).scram, "A-crpt"));
    }

    @Override
    public boolean weakerThan(String hash, HashPolicy policy) {
        Parts p = split(hash);
        return Argon2.ID.weakerThan(p.argon2, policy) || ScramCredentials.parse(ScramCredentials.Hash.SHA_256,
                p.scram, "A-crpt").iterations() < policy.scramIterations();
    }

    @Override
    public String encode(byte[] password, HashPolicy policy, SecureRandom random) {
        String argon2 = Argon2.ID.encode(password, policy, random);
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        ScramCredentials scram = ScramCredentials.derive(ScramCredentials.Hash.SHA_256, SaslPrep.forKeys(password),
                salt, policy.scramIterations());
        return VERSION + ";" + argon2 + ";" + scram.toText();
    }
}
