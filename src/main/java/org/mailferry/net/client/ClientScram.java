package org.mailferry.net.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.mailferry.auth.scheme.SaslPrep;
import org.mailferry.auth.scheme.ScramCredentials;

/**
 * The client side of SCRAM-SHA-256 (RFC 7677) and SCRAM-SHA-1 (RFC 5802), without channel binding (gs2 header
 * "n,,"): the password never crosses the wire, and the server proves it knows the password's keys too. Messages
 * in and out are base64, as the protocols carry them.
 *
 * <ol>
 *   <li>{@link #first()}: {@code n,,n=user,r=client-nonce};</li>
 *   <li>{@link #answer(String)} to the server-first message {@code r=nonce,s=salt,i=iterations}: the nonce must
 *       begin with ours, 1 to {@link #MAX_ITERATIONS} iterations; returns {@code c=biws,r=nonce,p=proof};</li>
 *   <li>{@link #verify(String)} of the server-final message {@code v=signature} (or {@code e=error}): the
 *       signature is compared in constant time; a server that cannot prove it knows the keys is refused.</li>
 * </ol>
 */
public final class ClientScram {
    /** Iterations a server may ask for; more would let a server make the client spin. */
    public static final int MAX_ITERATIONS = 1_000_000;

    private final ScramCredentials.Hash hash;
    private final byte[] password;
    private final String clientFirstBare;
    private final String clientNonce;
    private byte[] serverSignature;

    /** {@code mechanism}: SCRAM-SHA-256 or SCRAM-SHA-1. */
    public ClientScram(String mechanism, String user, String password, SecureRandom random) {
        this.hash = switch (mechanism) {
            case "SCRAM-SHA-256" -> ScramCredentials.Hash.SHA_256;
            case "SCRAM-SHA-1" -> ScramCredentials.Hash.SHA_1;
            default -> throw new IllegalArgumentException("not a SCRAM mechanism: " + mechanism);
        };
        byte[] n = new byte[18];
        random.nextBytes(n);
        this.clientNonce = Base64.getEncoder().encodeToString(n);
        this.password = SaslPrep.forKeys(password.getBytes(StandardCharsets.UTF_8));
        this.clientFirstBare = "n=" + saslName(SaslPrep.prepare(user)) + ",r=" + clientNonce;
    }

    /** For test vectors: a given client nonce. */
    ClientScram(String mechanism, String user, String password, String clientNonce) {
        this.hash = mechanism.equals("SCRAM-SHA-1") ? ScramCredentials.Hash.SHA_1 : ScramCredentials.Hash.SHA_256;
        this.clientNonce = clientNonce;
        this.password = SaslPrep.forKeys(password.getBytes(StandardCharsets.UTF_8));
        this.clientFirstBare = "n=" + saslName(SaslPrep.prepare(user)) + ",r=" + clientNonce;
    }

    /** The client-first message, base64. */
    public String first() {
        return b64("n,," + clientFirstBare);
    }

    /** The client-final message (base64) answering the server-first message (base64). */
    public String answer(String serverFirstBase64) {
        String serverFirst = text(serverFirstBase64, "server-first");
        Map<Character, String> a = attributes(serverFirst);
        String nonce = a.get('r'), salt = a.get('s'), iter = a.get('i');
        if (nonce == null || salt == null || iter == null) {
            throw new IllegalArgumentException("SCRAM: the server's first message lacks r=, s= or i=");
        }
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new IllegalArgumentException("SCRAM: the server's nonce does not extend ours");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(iter);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SCRAM: bad iteration count");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("SCRAM: the server asks for " + iterations + " iterations (1 to " + MAX_ITERATIONS + " allowed)");
        }
        byte[] saltBytes;
        try {
            saltBytes = Base64.getDecoder().decode(salt);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SCRAM: the salt is not base64");
        }
        String withoutProof = "c=biws,r=" + nonce;
        byte[] auth = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] salted = ScramCredentials.hi(hash, password, saltBytes, iterations);
        byte[] clientKey = hash.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] signature = hash.hmac(hash.digest(clientKey), auth);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) proof[i] = (byte) (clientKey[i] ^ signature[i]);
        serverSignature = hash.hmac(hash.hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII)), auth);
        return b64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
    }

    /** Checks the server-final message (base64); throws when the server did not prove it knows the keys. */
    public void verify(String serverFinalBase64) {
        if (serverSignature == null) throw new IllegalStateException("SCRAM: server-final before server-first");
        Map<Character, String> a = attributes(text(serverFinalBase64, "server-final"));
        if (a.containsKey('e')) throw new IllegalArgumentException("SCRAM: the server says " + a.get('e'));
        String v = a.get('v');
        byte[] got;
        try {
            got = v == null ? new byte[0] : Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            got = new byte[0];
        }
        if (!MessageDigest.isEqual(got, serverSignature)) {
            throw new IllegalArgumentException("SCRAM: the server's signature does not verify: it does not know this password's keys");
        }
    }

    private static Map<Character, String> attributes(String message) {
        Map<Character, String> m = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') m.putIfAbsent(part.charAt(0), part.substring(2));
        }
        return m;
    }

    private static String text(String base64, String what) {
        try {
            return new String(Base64.getMimeDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SCRAM: the " + what + " message is not base64");
        }
    }

    /** RFC 5802 §5.1 saslname: "=" as "=3D", "," as "=2C". */
    static String saslName(String user) {
        return user.replace("=", "=3D").replace(",", "=2C");
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
