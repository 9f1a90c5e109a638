package org.mailferry.auth.scheme;

/**
 * Upper bounds on the cost parameters of imported hashes. A stored hash with absurd parameters would let one login
 * attempt take minutes or gigabytes, so such forms are refused at import with a clear error.
 */
final class Limits {
    static final int MAX_BCRYPT_COST = 17;
    static final int MAX_ROUNDS = 1_000_000;
    static final int MAX_ARGON2_MEMORY_KIB = 256 * 1024;
    static final int MAX_ARGON2_ITERATIONS = 32;
    static final int MAX_ARGON2_PARALLELISM = 16;

    private Limits() {
    }

    static void argon2(int memoryKiB, int iterations, int parallelism) {
        if (parallelism < 1 || parallelism > MAX_ARGON2_PARALLELISM) {
            throw new InvalidPasswordException("argon2 parallelism p must be 1.." + MAX_ARGON2_PARALLELISM
                    + ", got " + parallelism);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_ARGON2_MEMORY_KIB) {
            throw new InvalidPasswordException("argon2 memory m must be " + 8 * parallelism + ".."
                    + MAX_ARGON2_MEMORY_KIB + " KiB, got " + memoryKiB);
        }
        if (iterations < 1 || iterations > MAX_ARGON2_ITERATIONS) {
            throw new InvalidPasswordException("argon2 passes t must be 1.." + MAX_ARGON2_ITERATIONS + ", got "
                    + iterations);
        }
    }

    static void iterations(String what, long n, int min) {
        if (n < min || n > MAX_ROUNDS) {
            throw new InvalidPasswordException(what + " must be " + min + ".." + MAX_ROUNDS + ", got " + n);
        }
    }
}
