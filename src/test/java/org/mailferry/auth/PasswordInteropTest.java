package org.mailferry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.auth.scheme.HashPolicy;

/**
 * Hashes Mailferry writes are accepted by tools it did not write: {@code doveadm pw -t} (Dovecot), {@code htpasswd
 * -v} (Apache's own MD5, bcrypt and SHA-crypt code) and Python's crypt module. Both halves of an A-crpt string are
 * checked by Dovecot: the argon2id PHC string as {ARGON2ID}, the SCRAM keys as {SCRAM-SHA-256}.
 */
class PasswordInteropTest {
    static final String PW = "Interop pässwörd 1";
    /** Cheap, but within libsodium's minimums (argon2i needs at least 3 passes). */
    static final HashPolicy POLICY = new HashPolicy(64, 3, 1, 4096, 4, 1000);

    /** Our encryption name, and the Dovecot scheme prefix to check the stored text under. */
    static final Map<String, String> DOVECOT = Map.ofEntries(
            Map.entry("SHA512-CRYPT", "{SHA512-CRYPT}"), Map.entry("SHA256-CRYPT", "{SHA256-CRYPT}"),
            Map.entry("MD5-CRYPT", "{MD5-CRYPT}"), Map.entry("BLF-CRYPT", "{BLF-CRYPT}"),
            Map.entry("ARGON2ID", "{ARGON2ID}"), Map.entry("ARGON2I", "{ARGON2I}"), Map.entry("YESCRYPT", "{CRYPT}"),
            Map.entry("SSHA512", ""), Map.entry("SSHA256", ""), Map.entry("SSHA", ""), Map.entry("SMD5", ""),
            Map.entry("SCRAM-SHA-256", ""), Map.entry("CRAM-MD5", ""));

    @Test
    void dovecotVerifiesWhatWeWrite() throws Exception {
        for (var e : DOVECOT.entrySet()) {
            String stored = Passwords.encode(e.getKey(), PW, POLICY);
            String text = e.getValue() + stored.substring(1);
            assertThat(doveadm(text, PW)).as("doveadm pw -t %s", text).isTrue();
            assertThat(doveadm(text, PW + "x")).as("doveadm pw -t %s with a wrong password", text).isFalse();
        }
    }

    @Test
    void dovecotVerifiesBothHalvesOfACrpt() throws Exception {
        String stored = Passwords.encode("A-crpt", PW, POLICY);
        String[] parts = stored.substring(1).split(";");
        assertThat(doveadm("{ARGON2ID}" + parts[1], PW)).as("argon2id part").isTrue();
        assertThat(doveadm("{SCRAM-SHA-256}" + parts[2], PW)).as("SCRAM-SHA-256 part").isTrue();
        assertThat(doveadm("{SCRAM-SHA-256}" + parts[2], "interop pässwörd 1")).isFalse();
    }

    @Test
    void htpasswdVerifiesWhatWeWrite(@TempDir Path dir) throws Exception {
        for (String enc : List.of("APR1-MD5", "MD5-CRYPT", "BLF-CRYPT", "SHA256-CRYPT", "SHA512-CRYPT")) {
            String stored = Passwords.encode(enc, PW, POLICY);
            Path file = dir.resolve("htpasswd");
            Files.writeString(file, "u:" + stored.substring(1) + "\n");
            assertThat(run(List.of("htpasswd", "-vb", file.toString(), "u", PW))).as("htpasswd -v %s", enc).isZero();
            assertThat(run(List.of("htpasswd", "-vb", file.toString(), "u", "x" + PW))).as(enc).isNotZero();
        }
    }

    @Test
    void pythonCryptVerifiesWhatWeWrite() throws Exception {
        for (String enc : List.of("MD5-CRYPT", "BLF-CRYPT", "SHA256-CRYPT", "SHA512-CRYPT", "YESCRYPT")) {
            String hash = Passwords.encode(enc, PW, POLICY).substring(1);
            int rc = run(List.of("python3", "-W", "ignore", "-c",
                    "import crypt,sys; sys.exit(0 if crypt.crypt(sys.argv[1], sys.argv[2]) == sys.argv[2] else 1)",
                    PW, hash));
            assertThat(rc).as("python3 crypt.crypt for %s", enc).isZero();
        }
    }

    private static boolean doveadm(String hash, String password) throws IOException, InterruptedException {
        return run(List.of("doveadm", "pw", "-t", hash, "-p", password)) == 0;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return p.exitValue();
    }
}
