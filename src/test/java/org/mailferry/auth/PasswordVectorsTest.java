package org.mailferry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every hash in src/test/resources/auth/vectors.tsv — made by openssl, mkpasswd, htpasswd, Python's crypt and
 * hashlib, doveadm pw and the argon2 tool (see make-vectors.sh) — is accepted at import, named as the file says,
 * verifies with its password and fails with wrong ones.
 */
class PasswordVectorsTest {

    record Vector(int line, String scheme, String password, String hash, String tool) {
        String stored() {
            return "\002" + hash;
        }

        @Override
        public String toString() {
            return "vectors.tsv:" + line + " " + scheme + " by " + tool;
        }
    }

    static List<Vector> vectors() throws IOException {
        List<Vector> out = new ArrayList<>();
        try (InputStream in = PasswordVectorsTest.class.getResourceAsStream("/auth/vectors.tsv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isEmpty() || lines[i].startsWith("#")) {
                    continue;
                }
                String[] f = lines[i].split("\t", -1);
                assertThat(f).as("vectors.tsv:%d has 4 columns", i + 1).hasSize(4);
                out.add(new Vector(i + 1, f[0], f[1], f[2], f[3]));
            }
        }
        return out;
    }

    /**
     * Passwords that must not verify: a changed first character (DES looks at 8), an extra one, a case change. Only
     * the first for hashes that take over 100 ms (the default-cost ones).
     */
    static List<String> wrong(Vector v) {
        String pw = v.password();
        List<String> w = new ArrayList<>();
        w.add((pw.charAt(0) == 'x' ? "y" : "x") + pw.substring(1));
        if (pw.length() < 8) {
            w.add(pw + "x");
        }
        if (!pw.toUpperCase().equals(pw)) {
            w.add(pw.toUpperCase());
        }
        return w;
    }

    @TestFactory
    Stream<DynamicTest> everyVectorVerifies() throws IOException {
        return vectors().stream().map(v -> DynamicTest.dynamicTest(v.toString(), () -> {
            assertThatCode(() -> Passwords.validate(v.stored())).as("%s accepted at import", v)
                    .doesNotThrowAnyException();
            assertThat(Passwords.schemeName(v.stored())).as("%s scheme name", v).isEqualTo(v.scheme());
            long start = System.nanoTime();
            assertThat(Passwords.verify(v.stored(), v.password())).as("%s verifies", v).isTrue();
            boolean slow = System.nanoTime() - start > 100_000_000L;
            for (String bad : slow ? wrong(v).subList(0, 1) : wrong(v)) {
                assertThat(Passwords.verify(v.stored(), bad)).as("%s must refuse a wrong password", v).isFalse();
            }
            assertThat(Passwords.verify(v.stored(), "")).as("%s must refuse the empty password", v).isFalse();
        }));
    }

    @Test
    void coversEverySchemeTheIssueNames() throws IOException {
        List<String> schemes = vectors().stream().map(Vector::scheme).distinct().toList();
        assertThat(schemes).contains("DES-CRYPT", "MD5-CRYPT", "APR1-MD5", "SHA256-CRYPT", "SHA512-CRYPT",
                "BLF-CRYPT", "YESCRYPT", "SHA", "SSHA", "SHA256", "SSHA256", "SHA512", "SSHA512", "LDAP-MD5", "SMD5",
                "PLAIN", "PLAIN-MD5", "ARGON2ID", "ARGON2I", "CRAM-MD5", "SCRAM-SHA-256");
        List<String> hashes = vectors().stream().map(Vector::hash).toList();
        assertThat(hashes).anyMatch(h -> h.startsWith("{crypt}")).anyMatch(h -> h.startsWith("{CRYPT}"))
                .anyMatch(h -> h.startsWith("{MD5}$1$")).anyMatch(h -> h.matches("\\{MD5}[^$].*"))
                .anyMatch(h -> h.startsWith("$2a$")).anyMatch(h -> h.startsWith("$2b$"))
                .anyMatch(h -> h.startsWith("$2y$")).anyMatch(h -> h.startsWith("{PLAIN-MD5}"));
    }
}
