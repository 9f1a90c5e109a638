package org.mailferry.auth.scheme;

/**
 * The cost parameters used when Mailferry hashes a new password, and the floor below which a stored hash counts as
 * too cheap (see {@code Passwords.needsRehash}). Verification always reads the parameters from the stored hash.
 *
 * @param argon2MemoryKiB   argon2 memory in KiB (A-crpt and ARGON2ID/ARGON2I)
 * @param argon2Iterations  argon2 passes
 * @param argon2Parallelism argon2 lanes
 * @param scramIterations   PBKDF2 iterations of the SCRAM-SHA-256 keys (RFC 7677 asks for at least 4096)
 * @param bcryptCost        bcrypt cost (log2 of rounds)
 * @param shaCryptRounds    rounds of SHA256-CRYPT / SHA512-CRYPT (5000 is the default that is not written out)
 */
public record HashPolicy(int argon2MemoryKiB, int argon2Iterations, int argon2Parallelism, int scramIterations,
        int bcryptCost, int shaCryptRounds) {

    /** OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane), SCRAM's usual 4096, bcrypt 10, SHA-crypt 5000. */
    public static final HashPolicy DEFAULT = new HashPolicy(19456, 2, 1, 4096, 10, 5000);

    /** Cheap parameters for tests only: never use for real accounts. */
    public static final HashPolicy TESTING = new HashPolicy(64, 1, 1, 4096, 4, 1000);

    public HashPolicy {
        Limits.argon2(argon2MemoryKiB, argon2Iterations, argon2Parallelism);
        Limits.iterations("SCRAM iterations", scramIterations, 4096);
        if (bcryptCost < 4 || bcryptCost > Limits.MAX_BCRYPT_COST) {
            throw new InvalidPasswordException("bcrypt cost must be 4.." + Limits.MAX_BCRYPT_COST + ", got " + bcryptCost);
        }
        Limits.iterations("SHA-crypt rounds", shaCryptRounds, 1000);
    }
}
