package org.mailferry.auth.scheme;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.MD5Digest;

/**
 * The two MD5 states of HMAC-MD5 after absorbing the padded key (RFC 2104), which is all CRAM-MD5 (RFC 2195) needs
 * from a password. Dovecot stores exactly this as {@code {CRAM-MD5}}: 64 hex digits, the outer state then the
 * inner state, each as four little-endian 32-bit words.
 *
 * <p>The states are resumed through Bouncy Castle's encoded digest state (a 37-byte layout: buffer, buffer offset,
 * byte count, H1..H4 big-endian, …); the Dovecot vectors in the tests catch a change of that layout.
 */
public final class HmacMd5State {
    private final int[] outer;
    private final int[] inner;

    private HmacMd5State(int[] outer, int[] inner) {
        this.outer = outer;
        this.inner = inner;
    }

    /** The states for a password (the HMAC key). Keys over 64 bytes are first hashed, as RFC 2104 says. */
    public static HmacMd5State of(byte[] key) {
        byte[] k = key.length > 64 ? Secrets.digest("MD5", key) : key;
        return new HmacMd5State(absorb(k, 0x5c), absorb(k, 0x36));
    }

    /** Parses Dovecot's 64-hex-digit form. */
    public static HmacMd5State parse(String hex) {
        if (hex.length() != 64 || !Secrets.isHex(hex)) {
            throw new InvalidPasswordException("CRAM-MD5 hash must be 64 hex digits, got " + hex.length()
                    + " characters");
        }
        ByteBuffer b = ByteBuffer.wrap(HexFormat.of().parseHex(hex)).order(ByteOrder.LITTLE_ENDIAN);
        int[] outer = {b.getInt(), b.getInt(), b.getInt(), b.getInt()};
        int[] inner = {b.getInt(), b.getInt(), b.getInt(), b.getInt()};
        return new HmacMd5State(outer, inner);
    }

    /** Dovecot's text form. */
    public String toHex() {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : outer) {
            b.putInt(w);
        }
        for (int w : inner) {
            b.putInt(w);
        }
        return HexFormat.of().formatHex(b.array());
    }

    /** HMAC-MD5(key, message). */
    public byte[] mac(byte[] message) {
        MD5Digest in = resume(inner);
        in.update(message, 0, message.length);
        byte[] innerHash = new byte[16];
        in.doFinal(innerHash, 0);
        MD5Digest out = resume(outer);
        out.update(innerHash, 0, 16);
        byte[] result = new byte[16];
        out.doFinal(result, 0);
        return result;
    }

    /** Constant-time equality of the two states. */
    public boolean sameKeyAs(HmacMd5State other) {
        return Secrets.equal(toHex(), other.toHex());
    }

    private static int[] absorb(byte[] key, int pad) {
        byte[] block = new byte[64];
        for (int i = 0; i < 64; i++) {
            block[i] = (byte) ((i < key.length ? key[i] : 0) ^ pad);
        }
        MD5Digest d = new MD5Digest();
        d.update(block, 0, 64);
        ByteBuffer s = ByteBuffer.wrap(d.getEncodedState());
        return new int[] {s.getInt(16), s.getInt(20), s.getInt(24), s.getInt(28)};
    }

    private static MD5Digest resume(int[] h) {
        byte[] state = new MD5Digest().getEncodedState();
        ByteBuffer s = ByteBuffer.wrap(state);
        s.putLong(8, 64); // one block already absorbed
        for (int i = 0; i < 4; i++) {
            s.putInt(16 + 4 * i, h[i]);
        }
        return new MD5Digest(state);
    }
}
