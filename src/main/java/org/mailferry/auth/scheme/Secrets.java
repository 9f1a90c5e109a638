package org.mailferry.auth.scheme;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Constant-time comparison of secrets and the few byte helpers every scheme needs.
 *
 * <p>Comparisons never stop at the first differing byte. {@link #equalSecrets} also hides the lengths of the
 * two values (it compares SHA-256 digests), for comparing clear passwords whose length is itself secret.
 */
public final class Secrets {
    private Secrets() {
    }

    /** Constant-time equality of two byte arrays of public length (hash outputs). */
    public static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** Constant-time equality of two strings of public length (encoded hash outputs), compared as UTF-8. */
    public static boolean equal(String a, String b) {
        return MessageDigest.isEqual(utf8(a), utf8(b));
    }

    /** Equality of two secrets whose lengths must not leak either: compares their SHA-256 digests. */
    public static boolean equalSecrets(byte[] a, byte[] b) {
        return MessageDigest.isEqual(digest("SHA-256", a), digest("SHA-256", b));
    }

    /** Whether {@code s} is non-empty, of even length, and all hex digits. */
    public static boolean isHex(String s) {
        return !s.isEmpty() && s.length() % 2 == 0 && s.chars().allMatch(java.util.HexFormat::isHexDigit);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Overwrites a secret buffer once it is no longer needed (best effort; the JVM may have copies). */
    public static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
