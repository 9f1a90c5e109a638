package org.mailferry.auth.scheme;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * Plain and salted message digests in the LDAP/Netscape and Dovecot forms: {@code {SHA}} (also {@code {SHA1}}),
 * {@code {SSHA}}, {@code {SHA256}}, {@code {SSHA256}}, {@code {SHA512}}, {@code {SSHA512}}, {@code {MD5}} /
 * {@code {LDAP-MD5}} (base64 MD5), {@code {SMD5}}, {@code {PLAIN-MD5}} (hex MD5) and {@code {PLAIN-MD4}}.
 *
 * <p>Unsalted: the digest of the password, in base64 or hex (recognised by length, as Dovecot does). Salted: the
 * digest of password+salt followed by the salt, base64 (RFC 2307 practice; any salt of 1–64 bytes). A {@code .HEX}
 * or {@code .B64} suffix on the scheme name ({@code {SSHA256.HEX}}) forces the encoding. Only the salted ones can
 * hash new passwords, and they are legacy choices.
 */
public final class Digest implements PasswordScheme.Encoding {
    /** How the digest bytes are written. */
    public enum Encoding { AUTO, HEX, BASE64 }

    public static final Digest SHA = new Digest("SHA", "SHA-1", false, Encoding.BASE64);
    public static final Digest SSHA = new Digest("SSHA", "SHA-1", true, Encoding.BASE64);
    public static final Digest SHA256 = new Digest("SHA256", "SHA-256", false, Encoding.BASE64);
    public static final Digest SSHA256 = new Digest("SSHA256", "SHA-256", true, Encoding.BASE64);
    public static final Digest SHA512 = new Digest("SHA512", "SHA-512", false, Encoding.BASE64);
    public static final Digest SSHA512 = new Digest("SSHA512", "SHA-512", true, Encoding.BASE64);
    public static final Digest LDAP_MD5 = new Digest("LDAP-MD5", "MD5", false, Encoding.BASE64);
    public static final Digest SMD5 = new Digest("SMD5", "MD5", true, Encoding.BASE64);
    public static final Digest PLAIN_MD5 = new Digest("PLAIN-MD5", "MD5", false, Encoding.HEX);
    public static final Digest PLAIN_MD4 = new Digest("PLAIN-MD4", "MD4", false, Encoding.HEX);

    private static final int MAX_SALT = 64;

    private final String name;
    private final String algorithm;
    private final boolean salted;
    private final Encoding preferred;
    private final Encoding forced;

    private Digest(String name, String algorithm, boolean salted, Encoding preferred) {
        this(name, algorithm, salted, preferred, Encoding.AUTO);
    }

    private Digest(String name, String algorithm, boolean salted, Encoding preferred, Encoding forced) {
        this.name = name;
        this.algorithm = algorithm;
        this.salted = salted;
        this.preferred = preferred;
        this.forced = forced;
    }

    /** This digest with its encoding forced by a {@code .HEX} / {@code .B64} name suffix. */
    public Digest withEncoding(Encoding encoding) {
        return new Digest(name, algorithm, salted, preferred, encoding);
    }

    @Override
    public String name() {
        return name;
    }

    private int size() {
        return switch (algorithm) {
            case "MD4", "MD5" -> 16;
            case "SHA-1" -> 20;
            case "SHA-256" -> 32;
            default -> 64;
        };
    }

    private byte[] hash(byte[] password, byte[] salt) {
        if (algorithm.equals("MD4")) {
            MD4Digest d = new MD4Digest();
            d.update(password, 0, password.length);
            d.update(salt, 0, salt.length);
            byte[] out = new byte[16];
            d.doFinal(out, 0);
            return out;
        }
        return Secrets.digest(algorithm, password, salt);
    }

    /** The raw bytes (digest, then salt when salted) of {@code hash}, or an exception saying what is wrong. */
    private byte[] decode(String hash) {
        int n = size();
        Encoding enc = forced;
        if (enc == Encoding.AUTO) {
            boolean hex = Secrets.isHex(hash) && (salted ? preferred == Encoding.HEX : hash.length() == 2 * n);
            enc = hex ? Encoding.HEX : Encoding.BASE64;
        }
        byte[] raw;
        try {
            raw = enc == Encoding.HEX ? HexFormat.of().parseHex(hash) : Base64.getDecoder().decode(hash);
        } catch (IllegalArgumentException e) {
            throw new InvalidPasswordException(name + " hash is not valid " + (enc == Encoding.HEX ? "hex" : "base64"));
        }
        if (salted ? raw.length <= n || raw.length > n + MAX_SALT : raw.length != n) {
            throw new InvalidPasswordException(name + " hash must decode to " + (salted ? n + " digest bytes plus a "
                    + "salt of 1-" + MAX_SALT + " bytes" : n + " bytes") + ", got " + raw.length + " bytes ("
                    + hash.length() + " " + (enc == Encoding.HEX ? "hex" : "base64") + " characters)");
        }
        return raw;
    }

    @Override
    public void validate(String hash) {
        decode(hash);
    }

    @Override
    public boolean verify(String hash, byte[] password) {
        byte[] raw;
        try {
            raw = decode(hash);
        } catch (InvalidPasswordException e) {
            return false;
        }
        int n = size();
        byte[] digest = java.util.Arrays.copyOf(raw, n);
        byte[] salt = java.util.Arrays.copyOfRange(raw, n, raw.length);
        return Secrets.equal(hash(password, salt), digest);
    }

    @Override
    public String encode(byte[] password, HashPolicy policy, SecureRandom random) {
        if (!salted) {
            throw new InvalidPasswordException(name + " is an unsalted legacy digest accepted for import only; choose "
                    + "A-crpt, SHA512-CRYPT, BLF-CRYPT or ARGON2ID for new passwords");
        }
        byte[] salt = new byte[8];
        random.nextBytes(salt);
        byte[] raw = Secrets.concat(hash(password, salt), salt);
        return forced == Encoding.HEX ? HexFormat.of().formatHex(raw) : Base64.getEncoder().encodeToString(raw);
    }

    /** Whether new passwords may be hashed with this digest (salted ones only). */
    public boolean canEncode() {
        return salted;
    }
}
