package org.mailferry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailferry.auth.scheme.HashPolicy;
import org.mailferry.auth.scheme.InvalidPasswordException;

/** The stored-string API: clear, A-crpt and imported forms; encoding, validation, census names, re-hash. */
class PasswordsTest {
    static final HashPolicy CHEAP = HashPolicy.TESTING;

    @Test
    void clearPasswordsCompareExactly() {
        assertThat(Passwords.verify("secret", "secret")).isTrue();
        assertThat(Passwords.verify("secret", "Secret")).isFalse();
        assertThat(Passwords.verify("secret", "secret ")).isFalse();
        assertThat(Passwords.verify("pässwörd", "pässwörd")).isTrue();
        assertThat(Passwords.schemeName("secret")).isEqualTo("clear");
        assertThat(Passwords.clearText("secret")).contains("secret");
    }

    @Test
    void emptyStoredOrCandidateNeverVerifies() {
        assertThat(Passwords.verify("", "")).isFalse();
        assertThat(Passwords.verify("", "x")).isFalse();
        assertThat(Passwords.verify(null, "x")).isFalse();
        assertThat(Passwords.verify("x", "")).isFalse();
        assertThat(Passwords.verify("x", null)).isFalse();
        assertThat(Passwords.schemeName("")).isEqualTo("none");
    }

    @Test
    void everyEncryptionRoundTrips() {
        for (String enc : Passwords.encryptions()) {
            String stored = Passwords.encode(enc, "n3w Pässword", CHEAP);
            assertThat(Passwords.verify(stored, "n3w Pässword")).as(enc).isTrue();
            assertThat(Passwords.verify(stored, "n3w Passw0rd")).as(enc).isFalse();
            Passwords.validate(stored);
            String expected = switch (enc) {
                case "U-crpt" -> "SHA512-CRYPT";
                default -> enc;
            };
            assertThat(Passwords.schemeName(stored)).as(enc).isEqualTo(expected);
            assertThat(Passwords.needsRehash(stored, enc, CHEAP)).as(enc).isFalse();
            char mark = enc.equals("clear") ? 'n' : enc.equals("A-crpt") ? '\001' : '\002';
            assertThat(stored.charAt(0)).as(enc).isEqualTo(mark);
        }
    }

    @Test
    void encryptionNamesAreCaseInsensitiveAndUnknownOnesRefused() {
        assertThat(Passwords.canonicalEncryption("a-crpt")).isEqualTo("A-crpt");
        assertThat(Passwords.canonicalEncryption("CLEAR")).isEqualTo("clear");
        assertThat(Passwords.canonicalEncryption("sha512-crypt")).isEqualTo("SHA512-CRYPT");
        assertThatThrownBy(() -> Passwords.encode("ROT13", "x")).isInstanceOf(InvalidPasswordException.class)
                .hasMessageContaining("unknown password encryption 'ROT13'").hasMessageContaining("A-crpt");
        assertThatThrownBy(() -> Passwords.encode("SHA", "x")).hasMessageContaining("unknown password encryption");
        assertThatThrownBy(() -> Passwords.encode("clear", "")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Passwords.encode("clear", "\002abc")).hasMessageContaining("byte 1 or 2");
    }

    @Test
    void passwordsOver4096BytesAreRefused() {
        String big = "é".repeat(2049); // 4098 bytes
        assertThatThrownBy(() -> Passwords.encode("clear", big)).hasMessageContaining("longer than 4096 bytes");
        assertThatThrownBy(() -> Passwords.encode("SHA512-CRYPT", big)).hasMessageContaining("longer than 4096");
        assertThat(Passwords.verify(big, big)).isFalse();
        String fits = "é".repeat(2048);
        assertThat(Passwords.verify(Passwords.encode("SHA512-CRYPT", fits, CHEAP), fits)).isTrue();
    }

    @Test
    void slowHashesRunInParallelFromManyVirtualThreads() throws Exception {
        String stored = Passwords.encode("A-crpt", "pencil", CHEAP);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 200; i++) {
                String candidate = i % 2 == 0 ? "pencil" : "pencil" + i;
                results.add(pool.submit(() -> Passwords.verify(stored, candidate)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).as("attempt %d", i).isEqualTo(i % 2 == 0);
            }
        }
    }

    @Test
    void aCrptCarriesArgon2idAndScramKeys() {
        String stored = Passwords.encode("A-crpt", "pencil", CHEAP);
        assertThat(stored).startsWith("\001A1;$argon2id$v=19$m=64,t=1,p=1$").contains(";4096,");
        assertThat(Passwords.schemeName(stored)).isEqualTo("A-crpt");
        assertThat(Passwords.clearText(stored)).isEmpty();
        assertThat(Passwords.scramSha256(stored, new byte[16], 4096)).get()
                .satisfies(c -> assertThat(c.iterations()).isEqualTo(4096))
                .satisfies(c -> assertThat(c.matches("pencil".getBytes())).isTrue());
        assertThat(Passwords.cramMd5(stored)).isEmpty();
        // A-crpt made with cheap parameters is weaker than the default policy: re-hash candidate.
        assertThat(Passwords.needsRehash(stored, "A-crpt")).isTrue();
        assertThat(Passwords.needsRehash(stored, "A-crpt", CHEAP)).isFalse();
    }

    @Test
    void malformedACrptIsRefused() {
        assertThatThrownBy(() -> Passwords.validate("\001somethingelse")).isInstanceOf(InvalidPasswordException.class)
                .hasMessageContaining("A-crpt").hasMessageContaining("CommuniGate Pro's own A-crpt");
        assertThat(Passwords.verify("\001somethingelse", "somethingelse")).isFalse();
        assertThat(Passwords.schemeName("\001x")).isEqualTo("A-crpt");
    }

    @Test
    void unknownImportedFormsAreRefusedWithClearErrors() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("\002", "empty"),
                Map.entry("\002{ROT13}uryyb", "unknown password scheme {ROT13}"),
                Map.entry("\002{DIGEST-MD5}2428a7fe5aaec10d11f02aafb580dc4c", "user name and realm"),
                Map.entry("\002$9$abc$def", "unknown crypt method $9$"),
                Map.entry("\002hello", "unrecognised password form (5 characters)"),
                Map.entry("\002{SHA}abc", "SHA hash"),
                Map.entry("\002{MD5}zverMUhsgJUIDjeytr2=", "16 bytes"),
                Map.entry("\002$1$toolongsalt$abc", "MD5-CRYPT hash must be"),
                Map.entry("\002$6$rounds=99999999$salt$" + "a".repeat(86), "rounds must be 1000..1000000"),
                Map.entry("\002$2y$31$" + "a".repeat(53), "bcrypt cost must be 04..17"),
                Map.entry("\002$2x$05$" + "a".repeat(53), "$2x$"),
                Map.entry("\002$argon2id$v=19$m=9999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g", "argon2 memory"),
                Map.entry("\002{PLAIN.HEX}abc", "takes no .HEX"),
                Map.entry("\002{SCRAM-SHA-256}4096,abc", "4 comma-separated fields"),
                Map.entry("\002{SHA256.HEX}zz", "not valid hex"),
                Map.entry("\002{CRAM-MD5}abcd", "64 hex digits"));
        cases.forEach((stored, message) -> {
            assertThatThrownBy(() -> Passwords.validate(stored)).as(stored).isInstanceOf(InvalidPasswordException.class)
                    .hasMessageContaining(message);
            assertThat(Passwords.verify(stored, "x")).isFalse();
        });
        assertThat(Passwords.schemeName("\002hello")).isEqualTo("invalid");
    }

    @Test
    void errorMessagesNeverEchoTheHash() {
        String secretish = "\002{SHA}Zm9vYmFyYmF6cXV4cXV1eA==";
        assertThatThrownBy(() -> Passwords.validate(secretish)).message().doesNotContain("Zm9vYmFyYmF6");
        assertThatThrownBy(() -> Passwords.validate("\002sup3rs3cretpassw0rd!"))
                .message().doesNotContain("sup3rs3cret");
    }

    @Test
    void theSeedsExamplesImport() {
        // Migration.txt: createaccount "test" {Password="\002AslUzT1JkPsocc";} and the sample import file.
        for (String h : List.of("AslUzT1JkPsocc", "YIdhkjeHDKbYsji", "{crypt}YIdhkjeHDKbYsji",
                "$1$VlPrB$vNjOAytB3W.j0bkkbaN2Z.", "{SHA}Ue4Erbim2TC7CmuukMOBejeytr2=")) {
            Passwords.validate("\002" + h);
        }
        assertThat(Passwords.schemeName("\002AslUzT1JkPsocc")).isEqualTo("DES-CRYPT");
        assertThat(Passwords.schemeName("\002$1$VlPrB$vNjOAytB3W.j0bkkbaN2Z.")).isEqualTo("MD5-CRYPT");
        assertThat(Passwords.schemeName("\002{SHA}Ue4Erbim2TC7CmuukMOBejeytr2=")).isEqualTo("SHA");
    }

    @Test
    void desCryptComparesTheFirstThirteenCharacters() {
        String des = "AsCQIlj25zoG."; // mkpasswd -m descrypt -S As test-pw1
        assertThat(Passwords.verify("\002" + des, "test-pw1")).isTrue();
        assertThat(Passwords.verify("\002" + des + "c", "test-pw1")).isTrue();
        assertThat(Passwords.verify("\002" + des, "test-pw2")).isFalse();
        assertThat(Passwords.verify("\002" + des.substring(0, 12), "test-pw1")).isFalse();
    }

    @Test
    void importHashAddsTheMarkAfterValidating() {
        assertThat(Passwords.importHash("$1$VlPrB$vNjOAytB3W.j0bkkbaN2Z.")).isEqualTo("\002$1$VlPrB$vNjOAytB3W.j0bkkbaN2Z.");
        assertThatThrownBy(() -> Passwords.importHash("nonsense")).isInstanceOf(InvalidPasswordException.class);
    }

    @Test
    void needsRehashWhenSchemeDiffersOrCostIsLow() {
        String md5 = "\002$1$VlPrB$vNjOAytB3W.j0bkkbaN2Z.";
        assertThat(Passwords.needsRehash(md5, "A-crpt")).isTrue();
        assertThat(Passwords.needsRehash(md5, "clear")).isTrue();
        assertThat(Passwords.needsRehash(md5, "MD5-CRYPT")).isFalse();
        assertThat(Passwords.needsRehash("plain", "clear")).isFalse();
        assertThat(Passwords.needsRehash("plain", "A-crpt")).isTrue();
        assertThat(Passwords.needsRehash("", "A-crpt")).isFalse();
        assertThat(Passwords.needsRehash("plain", "nonsense")).isFalse();
        String bcrypt4 = Passwords.encode("BLF-CRYPT", "x", CHEAP);
        assertThat(Passwords.needsRehash(bcrypt4, "BLF-CRYPT", CHEAP)).isFalse();
        assertThat(Passwords.needsRehash(bcrypt4, "BLF-CRYPT")).isTrue();
        String sha1000 = Passwords.encode("SHA512-CRYPT", "x", CHEAP);
        assertThat(sha1000).contains("rounds=1000$");
        assertThat(Passwords.needsRehash(sha1000, "SHA512-CRYPT")).isTrue();
        assertThat(Passwords.needsRehash(Passwords.encode("SHA512-CRYPT", "x"), "SHA512-CRYPT")).isFalse();
        assertThat(Passwords.needsRehash(Passwords.encode("SHA512-CRYPT", "x"), "u-crpt")).isFalse();
        String hexSsha = "\002{SSHA.HEX}" + java.util.HexFormat.of().formatHex(java.util.Base64.getDecoder()
                .decode(Passwords.encode("SSHA", "x").substring(7)));
        assertThat(Passwords.verify(hexSsha, "x")).isTrue();
        assertThat(Passwords.needsRehash(hexSsha, "SSHA")).isFalse();
    }

    @Test
    void clearTextComesOnlyFromReversibleForms() {
        assertThat(Passwords.clearText("\002{PLAIN}pw")).contains("pw");
        assertThat(Passwords.clearText("\002{CLEAR}pw")).contains("pw");
        assertThat(Passwords.clearText("\002{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=")).isEmpty();
        assertThat(Passwords.clearText("")).isEmpty();
        assertThat(Passwords.clearText("\002nonsense")).isEmpty();
    }

    @Test
    void censusCountsPerScheme() {
        Map<String, Long> census = PasswordCensus.count(List.of("a", "b", "", "\002$1$VlPrB$vNjOAytB3W.j0bkkbaN2Z.",
                "\002AslUzT1JkPsocc", "\002AsCQIlj25zoG.", "\002{SSHA}8n5Mvs+0qpJ4DagH364hyxHlzzo6ICFu",
                "\001A1;x;y", "\002junk"));
        assertThat(census).containsExactly(Map.entry("A-crpt", 1L), Map.entry("clear", 2L),
                Map.entry("DES-CRYPT", 2L), Map.entry("invalid", 1L), Map.entry("MD5-CRYPT", 1L),
                Map.entry("none", 1L), Map.entry("SSHA", 1L));
        assertThat(PasswordCensus.format(census)).startsWith("A-crpt\t1\nclear\t2\n").endsWith("total\t9\n");
    }
}
