package org.mailferry.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.mailferry.auth.scheme.ACrpt;
import org.mailferry.auth.scheme.Argon2;
import org.mailferry.auth.scheme.Bcrypt;
import org.mailferry.auth.scheme.CramMd5;
import org.mailferry.auth.scheme.DesCrypt;
import org.mailferry.auth.scheme.Digest;
import org.mailferry.auth.scheme.InvalidPasswordException;
import org.mailferry.auth.scheme.LibCryptScheme;
import org.mailferry.auth.scheme.Md5Crypt;
import org.mailferry.auth.scheme.PasswordScheme;
import org.mailferry.auth.scheme.Pbkdf2;
import org.mailferry.auth.scheme.Plain;
import org.mailferry.auth.scheme.Scram;
import org.mailferry.auth.scheme.ShaCrypt;

/**
 * The registry of password schemes: the one place that lists every scheme Mailferry knows, how an imported hash's
 * form selects one, and which can hash new passwords.
 *
 * <p>Forms, tried in this order on the text after the {@code \002} byte:
 * <ol>
 * <li>{@code {NAME}hash} or {@code {NAME.HEX}} / {@code {NAME.B64}}: the scheme named (case-insensitive; Dovecot's
 * and OpenLDAP's names). {@code {CRYPT}} takes any crypt form below; {@code {MD5}$1$…} is MD5-crypt (Dovecot),
 * any other {@code {MD5}} is a base64 MD5 digest (LDAP, and CommuniGate Pro's table).</li>
 * <li>crypt(3) forms by prefix: {@code $1$}, {@code $apr1$}, {@code $5$}, {@code $6$}, {@code $2a$ $2b$ $2y$},
 * {@code $argon2id$ $argon2i$ $argon2d$}, and through libcrypt {@code $y$ $gy$ $7$ $sha1$ $md5 $3$ _}.</li>
 * <li>13 characters of {@code ./0-9A-Za-z}: traditional DES crypt (see {@link DesCrypt} for 14–16).</li>
 * </ol>
 * Anything else is refused with a message saying what was expected. Wiring is by hand: add a scheme here.
 */
public final class PasswordSchemes {
    private PasswordSchemes() {
    }

    /** Every scheme, once. */
    public static final List<PasswordScheme> ALL = List.of(
            ACrpt.INSTANCE,
            DesCrypt.INSTANCE, Md5Crypt.MD5, Md5Crypt.APR1, ShaCrypt.SHA256, ShaCrypt.SHA512, Bcrypt.INSTANCE,
            Argon2.ID, Argon2.I, Argon2.D,
            LibCryptScheme.YESCRYPT, LibCryptScheme.GOST_YESCRYPT, LibCryptScheme.SCRYPT, LibCryptScheme.SHA1_CRYPT,
            LibCryptScheme.SUN_MD5, LibCryptScheme.NT, LibCryptScheme.BSDI,
            Digest.SHA, Digest.SSHA, Digest.SHA256, Digest.SSHA256, Digest.SHA512, Digest.SSHA512, Digest.LDAP_MD5,
            Digest.SMD5, Digest.PLAIN_MD5, Digest.PLAIN_MD4,
            Plain.INSTANCE, CramMd5.INSTANCE, Scram.SHA_256, Scram.SHA_1, Pbkdf2.INSTANCE);

    /** Schemes selected by a {@code {NAME}} prefix; the function picks the scheme from the text after it. */
    private static final Map<String, Function<String, PasswordScheme>> BRACED = new LinkedHashMap<>();

    /** Schemes recognised but refused, with the reason. */
    private static final Map<String, String> REFUSED = Map.of(
            "DIGEST-MD5", "its hash depends on the user name and realm it was made with",
            "OTP", "one-time passwords keep state that cannot be migrated",
            "SKEY", "one-time passwords keep state that cannot be migrated",
            "RPA", "RPA is a dead Compuserve method",
            "LANMAN", "LAN Manager hashes are too weak to accept",
            "NTLM", "use the NT-HASH crypt form $3$$… instead",
            "PLAIN-TRUNC", "truncated clear passwords cannot be verified reliably",
            "SASL", "{SASL} delegates to another authenticator (use UseExtPassword)",
            "KERBEROS", "{KERBEROS} delegates to another authenticator (use UseExtPassword)",
            "UNIX", "{UNIX} delegates to the OS (use UseSysPassword)");

    /** New-password encryptions by upper-case name ({@code clear} is handled by {@link Passwords}). */
    private static final Map<String, PasswordScheme.Encoding> ENCODERS = new LinkedHashMap<>();

    static {
        BRACED.put("CRYPT", PasswordSchemes::byCryptForm);
        fixed(DesCrypt.INSTANCE, "DES-CRYPT");
        fixed(Md5Crypt.MD5, "MD5-CRYPT");
        BRACED.put("MD5", h -> h.startsWith("$1$") ? Md5Crypt.MD5 : Digest.LDAP_MD5);
        fixed(Md5Crypt.APR1, "APR1-MD5");
        fixed(ShaCrypt.SHA256, "SHA256-CRYPT");
        fixed(ShaCrypt.SHA512, "SHA512-CRYPT");
        fixed(Bcrypt.INSTANCE, "BLF-CRYPT", "BCRYPT");
        fixed(Argon2.I, "ARGON2I");
        fixed(Argon2.ID, "ARGON2ID");
        fixed(LibCryptScheme.YESCRYPT, "YESCRYPT");
        fixed(Digest.SHA, "SHA", "SHA1");
        fixed(Digest.SSHA, "SSHA");
        fixed(Digest.SHA256, "SHA256");
        fixed(Digest.SSHA256, "SSHA256");
        fixed(Digest.SHA512, "SHA512");
        fixed(Digest.SSHA512, "SSHA512");
        fixed(Digest.LDAP_MD5, "LDAP-MD5");
        fixed(Digest.SMD5, "SMD5");
        fixed(Digest.PLAIN_MD5, "PLAIN-MD5");
        fixed(Digest.PLAIN_MD4, "PLAIN-MD4");
        fixed(Plain.INSTANCE, "PLAIN", "CLEAR", "CLEARTEXT");
        fixed(CramMd5.INSTANCE, "CRAM-MD5", "HMAC-MD5");
        fixed(Scram.SHA_1, "SCRAM-SHA-1");
        fixed(Scram.SHA_256, "SCRAM-SHA-256");
        fixed(Pbkdf2.INSTANCE, "PBKDF2");

        encoder(ACrpt.INSTANCE, "A-CRPT");
        encoder(ShaCrypt.SHA512, "SHA512-CRYPT", "U-CRPT");
        encoder(ShaCrypt.SHA256, "SHA256-CRYPT");
        encoder(Bcrypt.INSTANCE, "BLF-CRYPT", "BCRYPT");
        encoder(Argon2.ID, "ARGON2ID");
        encoder(Argon2.I, "ARGON2I");
        encoder(LibCryptScheme.YESCRYPT, "YESCRYPT");
        encoder(Scram.SHA_256, "SCRAM-SHA-256");
        encoder(Digest.SSHA512, "SSHA512");
        encoder(Digest.SSHA256, "SSHA256");
        encoder(Digest.SSHA, "SSHA");
        encoder(Digest.SMD5, "SMD5");
        encoder(Md5Crypt.MD5, "MD5-CRYPT");
        encoder(Md5Crypt.APR1, "APR1-MD5");
        encoder(CramMd5.INSTANCE, "CRAM-MD5");
    }

    private static void fixed(PasswordScheme scheme, String... names) {
        for (String n : names) {
            BRACED.put(n, h -> scheme);
        }
    }

    private static void encoder(PasswordScheme.Encoding scheme, String... names) {
        for (String n : names) {
            ENCODERS.put(n, scheme);
        }
    }

    /** A scheme and the hash text it is to read (the imported text without any {@code {NAME}} prefix). */
    public record Match(PasswordScheme scheme, String hash) {
    }

    /**
     * Picks the scheme for an imported hash (the text after {@code \002}) by its form, without checking the hash
     * itself (see {@link #validate}). Throws {@link InvalidPasswordException} for an unknown form.
     */
    public static Match recognise(String imported) {
        if (imported.isEmpty()) {
            throw new InvalidPasswordException("imported password is empty (nothing after the \\002 byte)");
        }
        if (imported.charAt(0) == '{') {
            int close = imported.indexOf('}');
            if (close < 0 || close > 40) {
                throw new InvalidPasswordException("imported password starts with '{' but has no {SCHEME} name");
            }
            String name = imported.substring(1, close).toUpperCase(Locale.ROOT);
            String hash = imported.substring(close + 1);
            Digest.Encoding encoding = null;
            if (name.endsWith(".HEX") || name.endsWith(".B64")) {
                encoding = name.endsWith(".HEX") ? Digest.Encoding.HEX : Digest.Encoding.BASE64;
                name = name.substring(0, name.length() - 4);
            }
            String refused = REFUSED.get(name);
            if (refused != null) {
                throw new InvalidPasswordException("{" + name + "} passwords are not supported: " + refused);
            }
            Function<String, PasswordScheme> f = BRACED.get(name);
            if (f == null) {
                throw new InvalidPasswordException("unknown password scheme {" + printable(name) + "}; known: "
                        + String.join(" ", BRACED.keySet().stream().map(n -> "{" + n + "}").toList()));
            }
            PasswordScheme scheme = f.apply(hash);
            if (encoding != null) {
                if (!(scheme instanceof Digest d)) {
                    throw new InvalidPasswordException("{" + name + "} takes no .HEX or .B64 suffix");
                }
                scheme = d.withEncoding(encoding);
            }
            return new Match(scheme, hash);
        }
        return new Match(byCryptForm(imported), imported);
    }

    /** Recognises {@code imported} and checks the hash itself; returns the match. */
    public static Match validate(String imported) {
        Match m = recognise(imported);
        m.scheme().validate(m.hash());
        return m;
    }

    private static PasswordScheme byCryptForm(String h) {
        if (h.startsWith(Md5Crypt.MD5.prefix())) {
            return Md5Crypt.MD5;
        } else if (h.startsWith(Md5Crypt.APR1.prefix())) {
            return Md5Crypt.APR1;
        } else if (h.startsWith(ShaCrypt.SHA256.prefix())) {
            return ShaCrypt.SHA256;
        } else if (h.startsWith(ShaCrypt.SHA512.prefix())) {
            return ShaCrypt.SHA512;
        } else if (Bcrypt.looksLike(h)) {
            return Bcrypt.INSTANCE;
        }
        Argon2 argon2 = Argon2.forPhc(h);
        if (argon2 != null) {
            return argon2;
        }
        LibCryptScheme lib = LibCryptScheme.forHash(h);
        if (lib != null) {
            return lib;
        }
        if (DesCrypt.looksLike(h)) {
            return DesCrypt.INSTANCE;
        }
        if (h.startsWith("$")) {
            int end = h.indexOf('$', 1);
            String id = end > 0 && end < 12 ? h.substring(0, end + 1) : "$";
            throw new InvalidPasswordException("unknown crypt method " + printable(id) + "; known: $1$ $apr1$ $5$ $6$ "
                    + "$2a$ $2b$ $2y$ $argon2id$ $argon2i$ $y$ $gy$ $7$ $sha1$ $md5 $3$");
        }
        throw new InvalidPasswordException("unrecognised password form (" + h.length() + " characters): expected "
                + "{SCHEME}hash, a crypt string such as $6$salt$hash, or a 13-character DES crypt string");
    }

    /** The scheme for a {@code PasswordEncryption} name (case-insensitive), or an exception listing the choices. */
    public static PasswordScheme.Encoding encoder(String encryption) {
        PasswordScheme.Encoding e = ENCODERS.get(encryption.toUpperCase(Locale.ROOT));
        if (e == null) {
            throw new InvalidPasswordException("unknown password encryption '" + printable(encryption) + "'; known: "
                    + String.join(", ", encryptionNames()));
        }
        return e;
    }

    /** Every {@code PasswordEncryption} value, canonical spelling, {@code clear} first. */
    public static List<String> encryptionNames() {
        List<String> names = new java.util.ArrayList<>(List.of("clear"));
        for (var e : ENCODERS.entrySet()) {
            String canonical = e.getValue().name();
            if (!names.contains(canonical)) {
                names.add(canonical);
            }
        }
        names.add("U-crpt");
        return List.copyOf(names);
    }

    /**
     * The imported text to store for a hash a scheme just made: crypt and PHC forms identify themselves, everything
     * else gets its {@code {NAME}} prefix.
     */
    static String importedForm(PasswordScheme scheme, String hash) {
        boolean selfIdentifying = scheme instanceof ShaCrypt || scheme instanceof Md5Crypt || scheme instanceof Bcrypt
                || scheme instanceof Argon2 || scheme instanceof LibCryptScheme;
        return selfIdentifying ? hash : "{" + scheme.name() + "}" + hash;
    }

    private static String printable(String s) {
        String cut = s.length() > 24 ? s.substring(0, 24) + "…" : s;
        return cut.replaceAll("[^\\x20-\\x7E…]", "?");
    }
}
