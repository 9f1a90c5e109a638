package org.mailferry.auth.scheme;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2 (RFC 9106) in the PHC string format, {@code $argon2id$v=19$m=65536,t=3,p=1$SALT$HASH} (salt and hash in
 * base64 without padding), as written by libargon2, libsodium and Dovecot's ARGON2I/ARGON2ID. Computed by the
 * reference C library through {@link LibArgon2} when it is installed (twice as fast, no warm-up), else by Bouncy
 * Castle's {@code Argon2BytesGenerator}; the tests check that both give the same bytes. Versions 16 ({@code 0x10}, no {@code v=}) and 19; memory over 256 MiB,
 * more than 32 passes or 16 lanes are refused at import.
 */
public final class Argon2 implements PasswordScheme.Encoding {
    public static final Argon2 ID = new Argon2("ARGON2ID", "argon2id", Argon2Parameters.ARGON2_id);
    public static final Argon2 I = new Argon2("ARGON2I", "argon2i", Argon2Parameters.ARGON2_i);
    public static final Argon2 D = new Argon2("ARGON2D", "argon2d", Argon2Parameters.ARGON2_d);

    private static final Pattern PHC = Pattern.compile(
            "\\$(argon2id|argon2i|argon2d)(?:\\$v=([0-9]{1,3}))?\\$m=([0-9]{1,10}),t=([0-9]{1,10}),p=([0-9]{1,3})"
                    + "\\$([A-Za-z0-9+/]{11,})\\$([A-Za-z0-9+/]{6,})");

    private final String name;
    private final String id;
    private final int type;

    private Argon2(String name, String id, int type) {
        this.name = name;
        this.id = id;
        this.type = type;
    }

    /** The variant named by a PHC string's first field, or null. */
    public static Argon2 forPhc(String hash) {
        if (hash.startsWith("$argon2id$")) {
            return ID;
        } else if (hash.startsWith("$argon2i$")) {
            return I;
        } else if (hash.startsWith("$argon2d$")) {
            return D;
        }
        return null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean slow() {
        return true;
    }

    /** A parsed PHC string. */
    record Phc(int version, int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {
    }

    Phc parse(String hash) {
        Matcher m = PHC.matcher(hash);
        if (!m.matches() || !m.group(1).equals(id)) {
            throw new InvalidPasswordException(name + " hash must be a PHC string $" + id
                    + "$v=19$m=KIB,t=PASSES,p=LANES$SALT$HASH (salt and hash in base64 without padding)");
        }
        int version = m.group(2) == null ? 0x10 : Integer.parseInt(m.group(2));
        if (version != 0x10 && version != 0x13) {
            throw new InvalidPasswordException(name + " version must be 16 or 19, got " + version);
        }
        long mem = Long.parseLong(m.group(3));
        long t = Long.parseLong(m.group(4));
        int p = Integer.parseInt(m.group(5));
        Limits.argon2((int) Math.min(mem, Integer.MAX_VALUE), (int) Math.min(t, Integer.MAX_VALUE), p);
        byte[] salt = b64(m.group(6), "salt");
        byte[] out = b64(m.group(7), "hash");
        if (salt.length < 8 || out.length < 4 || out.length > 1024) {
            throw new InvalidPasswordException(name + " needs a salt of at least 8 bytes and a hash of 4..1024 bytes");
        }
        return new Phc(version, (int) mem, (int) t, p, salt, out);
    }

    @Override
    public void validate(String hash) {
        parse(hash);
    }

    @Override
    public boolean verify(String hash, byte[] password) {
        Phc phc;
        try {
            phc = parse(hash);
        } catch (InvalidPasswordException e) {
            return false;
        }
        byte[] computed = compute(password, phc.version, phc.memoryKiB, phc.iterations, phc.parallelism, phc.salt,
                phc.hash.length);
        return Secrets.equal(computed, phc.hash);
    }

    @Override
    public boolean weakerThan(String hash, HashPolicy policy) {
        Phc phc = parse(hash);
        return phc.memoryKiB < policy.argon2MemoryKiB() || phc.iterations < policy.argon2Iterations();
    }

    @Override
    public String encode(byte[] password, HashPolicy policy, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] out = compute(password, 0x13, policy.argon2MemoryKiB(), policy.argon2Iterations(),
                policy.argon2Parallelism(), salt, 32);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$" + id + "$v=19$m=" + policy.argon2MemoryKiB() + ",t=" + policy.argon2Iterations() + ",p="
                + policy.argon2Parallelism() + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
    }

    byte[] compute(byte[] password, int version, int memoryKiB, int iterations, int parallelism, byte[] salt,
            int length) {
        return LibArgon2.system().hash(type, version, memoryKiB, iterations, parallelism, password, salt, length)
                .orElseGet(() -> computeJava(password, version, memoryKiB, iterations, parallelism, salt, length));
    }

    /** The same hash by Bouncy Castle, whatever is installed. */
    byte[] computeJava(byte[] password, int version, int memoryKiB, int iterations, int parallelism, byte[] salt,
            int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(type).withVersion(version)
                .withMemoryAsKB(memoryKiB).withIterations(iterations).withParallelism(parallelism).withSalt(salt)
                .build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[length];
        gen.generateBytes(password, out);
        return out;
    }

    private byte[] b64(String s, String what) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidPasswordException(name + " " + what + " is not valid base64");
        }
    }
}
