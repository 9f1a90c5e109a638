package org.mailferry.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.mailferry.auth.scheme.ScramCredentials;

/**
 * What the mechanisms of one server share: the account lookup, the server's host name (in CRAM-MD5 challenges),
 * a random source, a server secret (salts of SCRAM users with clear passwords and of unknown users are derived from
 * it, so they stay the same across attempts and do not tell the two apart), and the SCRAM iteration count for
 * those derived salts.
 */
public record SaslContext(CredentialLookup lookup, String serverName, SecureRandom random, byte[] secret,
        int scramIterations) {

    public SaslContext {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the SASL server secret must be at least 16 bytes");
        }
        if (scramIterations < 4096) {
            throw new IllegalArgumentException("SCRAM iterations must be at least 4096 (RFC 7677)");
        }
        secret = secret.clone();
    }

    /**
     * A context with a fresh random secret. Give a persisted secret instead (from the base directory) to keep
     * SCRAM salts stable across restarts.
     */
    public static SaslContext create(CredentialLookup lookup, String serverName) {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return new SaslContext(lookup, serverName, random, secret, 4096);
    }

    /** The derived SCRAM salt of {@code user}: HMAC-SHA-256(secret, "scram-salt" NUL user), first 16 bytes. */
    byte[] scramSalt(String user) {
        byte[] mac = ScramCredentials.Hash.SHA_256.hmac(secret,
                ("scram-salt\0" + user).getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(mac, 16);
    }

    byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Override
    public String toString() {
        return "SaslContext[" + serverName + "]";
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
