package org.mailferry.auth.scheme;

import java.security.SecureRandom;
import java.util.List;

/**
 * Hash methods that only the system's crypt(3) implements here — yescrypt {@code $y$} above all (Debian's default
 * for /etc/shadow), and gost-yescrypt, scrypt, BSDi extended DES, SHA1-crypt, SunMD5 and NT — verified through
 * {@link LibCrypt}. When libcrypt is missing these hashes are refused at import, and fail to verify, with a message
 * naming the library.
 */
public final class LibCryptScheme implements PasswordScheme.Encoding {
    public static final LibCryptScheme YESCRYPT = new LibCryptScheme("YESCRYPT", "$y$");
    public static final LibCryptScheme GOST_YESCRYPT = new LibCryptScheme("GOST-YESCRYPT", "$gy$");
    public static final LibCryptScheme SCRYPT = new LibCryptScheme("SCRYPT", "$7$");
    public static final LibCryptScheme SHA1_CRYPT = new LibCryptScheme("SHA1-CRYPT", "$sha1$");
    public static final LibCryptScheme SUN_MD5 = new LibCryptScheme("SUN-MD5", "$md5");
    public static final LibCryptScheme NT = new LibCryptScheme("NT-HASH", "$3$");
    public static final LibCryptScheme BSDI = new LibCryptScheme("BSDI-CRYPT", "_");

    /** Every method, in the order forms are tried. */
    public static final List<LibCryptScheme> ALL = List.of(YESCRYPT, GOST_YESCRYPT, SCRYPT, SHA1_CRYPT, SUN_MD5, NT,
            BSDI);

    private final String name;
    private final String prefix;
    private final LibCrypt lib;

    private LibCryptScheme(String name, String prefix) {
        this(name, prefix, LibCrypt.system());
    }

    private LibCryptScheme(String name, String prefix, LibCrypt lib) {
        this.name = name;
        this.prefix = prefix;
        this.lib = lib;
    }

    /** The same method through another library (tests of the missing-library path). */
    public LibCryptScheme using(LibCrypt other) {
        return new LibCryptScheme(name, prefix, other);
    }

    /** The method whose prefix {@code hash} starts with, or null. */
    public static LibCryptScheme forHash(String hash) {
        for (LibCryptScheme s : ALL) {
            if (hash.startsWith(s.prefix)) {
                return s;
            }
        }
        return null;
    }

    public String prefix() {
        return prefix;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean slow() {
        return true;
    }

    @Override
    public void validate(String hash) {
        if (!hash.startsWith(prefix)) {
            throw new InvalidPasswordException(name + " hash must start with " + prefix);
        }
        lib.unavailableReason().ifPresent(r -> {
            throw new InvalidPasswordException(name + " hashes are verified by the system's crypt(3), but " + r);
        });
        switch (lib.checkSalt(hash)) {
            case OK, METHOD_LEGACY, TOO_CHEAP -> { }
            case METHOD_DISABLED -> throw new InvalidPasswordException(name + " (" + prefix + ") is disabled in this "
                    + "system's libcrypt");
            default -> throw new InvalidPasswordException(name + " hash is malformed: the system's crypt(3) does not "
                    + "accept it as a setting");
        }
        // The stored hash must be exactly what crypt(3) writes for its own setting: same length, same setting part.
        String probe = lib.crypt(new byte[] {'x'}, hash).orElseThrow(() -> new InvalidPasswordException(
                name + " hash is malformed: the system's crypt(3) refuses it"));
        int cut = prefix.equals("_") ? 9 : probe.lastIndexOf('$');
        if (probe.length() != hash.length() || (cut > 0 && !probe.regionMatches(0, hash, 0, cut))) {
            throw new InvalidPasswordException(name + " hash is malformed: " + hash.length()
                    + " characters where the system's crypt(3) writes " + probe.length());
        }
    }

    @Override
    public boolean verify(String hash, byte[] password) {
        if (!hash.startsWith(prefix)) {
            return false;
        }
        return lib.crypt(password, hash).map(c -> Secrets.equal(c, hash)).orElse(false);
    }

    @Override
    public String encode(byte[] password, HashPolicy policy, SecureRandom random) {
        lib.unavailableReason().ifPresent(r -> {
            throw new InvalidPasswordException(name + " needs the system's crypt(3), but " + r);
        });
        byte[] rbytes = new byte[16];
        random.nextBytes(rbytes);
        String setting = lib.gensalt(prefix, 0, rbytes).orElseThrow(() -> new InvalidPasswordException(
                "the system's crypt(3) cannot make a " + name + " salt"));
        return lib.crypt(password, setting).orElseThrow(() -> new InvalidPasswordException(
                "the system's crypt(3) cannot hash with " + name + " (passwords may not contain NUL bytes)"));
    }
}
