package org.mailferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mailferry.data.DataFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every imported password form of the vector file (hashes made by openssl, mkpasswd, htpasswd, doveadm pw and
 * Python; see src/test/resources/auth/vectors.tsv) is created through the CLI with the {@code \002} prefix and
 * then verified through the CLI with the right and a wrong password.
 */
class CliPasswordFormsTest {
    @TempDir
    Path base;

    record Vector(String scheme, String password, String stored, String tool) {
    }

    static List<Vector> vectors() throws Exception {
        List<Vector> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                CliPasswordFormsTest.class.getResourceAsStream("/auth/vectors.tsv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                out.add(new Vector(f[0], f[1], f[2], f[3]));
            }
        }
        return out;
    }

    @Test
    void everyVectorImportsAndVerifiesThroughTheCli() throws Exception {
        List<Vector> vectors = vectors();
        assertThat(vectors).hasSizeGreaterThan(100);
        List<String> schemes = new ArrayList<>();
        try (CliTestServer server = new CliTestServer(base, TestCodecs.codec()); CliClient c = server.client()) {
            int i = 0;
            for (Vector v : vectors) {
                String name = "v" + i++;
                String stored = DataFormat.print("\u0002" + v.stored());
                c.command("CREATEACCOUNT " + name + " {Password=" + stored + ";}");
                try {
                    c.command("VERIFYACCOUNTPASSWORD " + name + " PASSWORD " + DataFormat.print(v.password()));
                } catch (CliClient.CliError e) {
                    throw new AssertionError(v.scheme() + " " + v.stored() + " from " + v.tool() + ": " + e.getMessage(), e);
                }
                assertThatThrownBy(() -> c.command("VERIFYACCOUNTPASSWORD " + name + " PASSWORD "
                        + DataFormat.print("X" + v.password()))) // DES-crypt reads 8 characters only
                        .as("%s from %s must refuse a wrong password", v.scheme(), v.tool())
                        .hasMessage("incorrect password");
                if (!schemes.contains(v.scheme())) {
                    schemes.add(v.scheme());
                }
            }
        }
        assertThat(schemes).contains("DES-CRYPT", "MD5-CRYPT", "SHA", "SSHA", "LDAP-MD5", "BLF-CRYPT", "YESCRYPT",
                "ARGON2ID", "SHA512-CRYPT", "PLAIN-MD5", "SMD5", "APR1-MD5");
    }
}
