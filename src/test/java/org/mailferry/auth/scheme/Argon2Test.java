package org.mailferry.auth.scheme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The two argon2 engines — libargon2 through FFM and Bouncy Castle — give the same bytes for many parameters. */
class Argon2Test {

    @Test
    void libargon2AndBouncyCastleAgree() {
        assertThat(LibArgon2.system().available()).as(LibArgon2.system().unavailableReason().orElse("")).isTrue();
        long seed = 20261201L;
        Random rnd = new Random(seed);
        for (int i = 0; i < 60; i++) {
            Argon2 variant = new Argon2[] {Argon2.ID, Argon2.I, Argon2.D}[rnd.nextInt(3)];
            int version = rnd.nextBoolean() ? 0x13 : 0x10;
            int p = 1 + rnd.nextInt(3);
            int m = 8 * p + rnd.nextInt(200);
            int t = 1 + rnd.nextInt(3);
            byte[] pw = new byte[rnd.nextInt(40)];
            rnd.nextBytes(pw);
            byte[] salt = new byte[8 + rnd.nextInt(24)];
            rnd.nextBytes(salt);
            int len = 4 + rnd.nextInt(60);
            String what = String.format("seed %d case %d: %s v=%x m=%d t=%d p=%d pw=%d salt=%d len=%d", seed, i,
                    variant.name(), version, m, t, p, pw.length, salt.length, len);
            byte[] java = variant.computeJava(pw, version, m, t, p, salt, len);
            byte[] c = LibArgon2.system().hash(variantType(variant), version, m, t, p, pw, salt, len).orElseThrow();
            assertThat(c).as(what).isEqualTo(java);
        }
    }

    @Test
    void missingLibraryFallsBackToJava() {
        LibArgon2 none = LibArgon2.load("libdoesnotexist.so.7");
        assertThat(none.available()).isFalse();
        assertThat(none.hash(2, 0x13, 64, 1, 1, new byte[1], new byte[8], 32)).isEmpty();
        assertThat(none.unavailableReason()).get().asString().contains("libdoesnotexist.so.7");
    }

    private static int variantType(Argon2 a) {
        return a == Argon2.D ? 0 : a == Argon2.I ? 1 : 2;
    }
}
