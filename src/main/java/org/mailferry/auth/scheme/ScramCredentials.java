package org.mailferry.auth.scheme;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server-side SCRAM keys of one password (RFC 5802 §3): salt, iteration count, StoredKey and ServerKey.
 *
 * <p>SaltedPassword = Hi(SASLprep(password), salt, i) (PBKDF2 with HMAC), ClientKey = HMAC(SaltedPassword,
 * "Client Key"), StoredKey = H(ClientKey), ServerKey = HMAC(SaltedPassword, "Server Key"). The text form is
 * Dovecot's: {@code iterations,base64(salt),base64(StoredKey),base64(ServerKey)}. With these keys the server can
 * run SCRAM and check a plain password, but cannot recover the password.
 */
public record ScramCredentials(Hash hash, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {

    /** The hash function of a SCRAM family member. */
    public enum Hash {
        SHA_1("SHA-1", "HmacSHA1", 20), SHA_256("SHA-256", "HmacSHA256", 32);

        final String digest;
        final String hmac;
        public final int length;

        Hash(String digest, String hmac, int length) {
            this.digest = digest;
            this.hmac = hmac;
            this.length = length;
        }

        public byte[] hmac(byte[] key, byte[] data) {
            try {
                Mac mac = Mac.getInstance(hmac);
                mac.init(new SecretKeySpec(key, hmac));
                return mac.doFinal(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("JDK lacks " + hmac, e);
            }
        }

        public byte[] digest(byte[] data) {
            return Secrets.digest(digest, data);
        }
    }

    public ScramCredentials {
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /** Derives the keys from the password's bytes (already SASLprep'ed by the caller when it should be). */
    public static ScramCredentials derive(Hash hash, byte[] password, byte[] salt, int iterations) {
        byte[] salted = hi(hash, password, salt, iterations);
        byte[] clientKey = hash.hmac(salted, Secrets.utf8("Client Key"));
        byte[] serverKey = hash.hmac(salted, Secrets.utf8("Server Key"));
        ScramCredentials c = new ScramCredentials(hash, salt, iterations, hash.digest(clientKey), serverKey);
        Secrets.wipe(salted);
        Secrets.wipe(clientKey);
        return c;
    }

    /** Hi() of RFC 5802 §2.2: PBKDF2 with the scheme's HMAC, one block of output. */
    public static byte[] hi(Hash hash, byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance(hash.hmac);
            // An empty key is legal for HMAC but not for SecretKeySpec; HMAC pads keys with zeros, so one zero byte
            // is the same key.
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, hash.hmac));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= u[j];
                }
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + hash.hmac, e);
        }
    }

    /** Whether {@code password} (SASLprep'ed by the caller) produces these keys. */
    public boolean matches(byte[] password) {
        ScramCredentials other = derive(hash, password, salt, iterations);
        return Secrets.equal(other.storedKey, storedKey);
    }

    /** Dovecot's text form {@code i,salt,StoredKey,ServerKey}. */
    public String toText() {
        Base64.Encoder b64 = Base64.getEncoder();
        return iterations + "," + b64.encodeToString(salt) + "," + b64.encodeToString(storedKey) + ","
                + b64.encodeToString(serverKey);
    }

    /** Parses Dovecot's text form; {@code scheme} names the form in error messages. */
    public static ScramCredentials parse(Hash hash, String text, String scheme) {
        String[] f = text.split(",", -1);
        if (f.length != 4) {
            throw new InvalidPasswordException(scheme + " hash must be iterations,salt,StoredKey,ServerKey (4 "
                    + "comma-separated fields), got " + f.length + " fields");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(f[0]);
        } catch (NumberFormatException e) {
            throw new InvalidPasswordException(scheme + " iteration count is not a number");
        }
        Limits.iterations(scheme + " iterations", iterations, 1);
        byte[] salt = base64(f[1], scheme + " salt");
        byte[] stored = base64(f[2], scheme + " StoredKey");
        byte[] server = base64(f[3], scheme + " ServerKey");
        if (salt.length == 0) {
            throw new InvalidPasswordException(scheme + " salt is empty");
        }
        if (stored.length != hash.length || server.length != hash.length) {
            throw new InvalidPasswordException(scheme + " keys must be " + hash.length + " bytes each, got "
                    + stored.length + " and " + server.length);
        }
        return new ScramCredentials(hash, salt, iterations, stored, server);
    }

    private static byte[] base64(String s, String what) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidPasswordException(what + " is not valid base64");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredentials c && c.hash == hash && c.iterations == iterations
                && Arrays.equals(c.salt, salt) && Arrays.equals(c.storedKey, storedKey)
                && Arrays.equals(c.serverKey, serverKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(storedKey);
    }

    @Override
    public String toString() {
        return "ScramCredentials[" + hash + ", i=" + iterations + "]";
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }
}
