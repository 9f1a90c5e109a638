package org.mailferry.auth.sasl;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import org.mailferry.auth.Passwords;
import org.mailferry.auth.scheme.HashPolicy;

/** Test accounts in every stored form, behind a {@link CredentialLookup}. */
final class Accounts {
    static final String PW = "pencil";
    static final Map<String, String> STORED = Map.of(
            "clear", PW,
            "acrpt", Passwords.encode("A-crpt", PW, HashPolicy.TESTING),
            "sha512", Passwords.encode("SHA512-CRYPT", PW, HashPolicy.TESTING),
            "scram", Passwords.encode("SCRAM-SHA-256", PW, HashPolicy.TESTING),
            "cram", Passwords.encode("CRAM-MD5", PW, HashPolicy.TESTING),
            "plainimp", "\002{PLAIN}" + PW);

    static final CredentialLookup LOOKUP = login -> Optional.ofNullable(STORED.get(login));

    static SaslContext context() {
        return new SaslContext(LOOKUP, "mail.example.test", new SecureRandom(), new byte[32], 4096);
    }

    private Accounts() {
    }
}
