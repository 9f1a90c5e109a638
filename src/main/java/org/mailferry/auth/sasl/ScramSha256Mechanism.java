package org.mailferry.auth.sasl;

import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import org.mailferry.auth.Passwords;
import org.mailferry.auth.scheme.SaslPrep;
import org.mailferry.auth.scheme.ScramCredentials;
import org.mailferry.auth.scheme.Secrets;

/**
 * SASL SCRAM-SHA-256 (RFC 5802 with RFC 7677's hash), server side, without channel binding (the {@code -PLUS}
 * variant is not offered; a client asking for it with {@code p=} is refused, {@code y} is accepted).
 *
 * <pre>
 *   C: n,[a=authzid],n=user,r=cnonce            S: r=cnonce+snonce,s=salt,i=iterations
 *   C: c=biws,r=cnonce+snonce,p=proof           S: v=ServerSignature
 *   C: (empty)                                   → Success
 * </pre>
 * The server signature goes out as a last challenge (every protocol here can carry that); the client's empty answer
 * ends the exchange. Keys come from A-crpt or {@code {SCRAM-SHA-256}} as stored, or are derived from a clear password
 * with a salt derived from the server secret and user name. Unknown users and stored forms without SCRAM keys get
 * the same kind of salt and the same work, and fail at the proof like a wrong password.
 */
public final class ScramSha256Mechanism implements SaslServer {
    private static final ScramCredentials.Hash H = ScramCredentials.Hash.SHA_256;

    private sealed interface State permits New, WantClientFirst, WantClientFinal, WantAck, Done {
    }

    private record New() implements State {
    }

    private record WantClientFirst() implements State {
    }

    private record WantClientFinal(String gs2Header, String clientFirstBare, String serverFirst, String nonce,
            String user, String authzid, ScramCredentials keys, boolean real) implements State {
    }

    private record WantAck(String user, String authzid) implements State {
    }

    private record Done() implements State {
    }

    private final SaslContext context;
    private final Supplier<String> serverNonce;
    private State state = new New();

    public ScramSha256Mechanism(SaslContext context) {
        this(context, () -> Base64.getEncoder().encodeToString(context.randomBytes(18)));
    }

    /** With a fixed server nonce part, for RFC test vectors. */
    ScramSha256Mechanism(SaslContext context, Supplier<String> serverNonce) {
        this.context = context;
        this.serverNonce = serverNonce;
    }

    @Override
    public String mechanism() {
        return "SCRAM-SHA-256";
    }

    @Override
    public SaslStep start(byte[] initialResponse) {
        if (!(state instanceof New)) {
            throw new IllegalStateException("SCRAM-SHA-256 already started");
        }
        state = new WantClientFirst();
        return initialResponse == null ? new SaslStep.Challenge(new byte[0]) : respond(initialResponse);
    }

    @Override
    public SaslStep respond(byte[] response) {
        State s = state;
        state = new Done();
        if (response.length > MAX_MESSAGE) {
            return malformed("message over " + MAX_MESSAGE + " bytes");
        }
        Optional<String> text = Utf8.decode(response);
        if (text.isEmpty()) {
            return malformed("message is not UTF-8");
        }
        return switch (s) {
            case WantClientFirst f -> clientFirst(text.get());
            case WantClientFinal f -> clientFinal(f, text.get());
            case WantAck a -> text.get().isEmpty() ? new SaslStep.Success(a.user(), a.authzid())
                    : malformed("expected an empty answer to the server-final message");
            case New n -> throw new IllegalStateException("SCRAM-SHA-256 not started");
            case Done d -> throw new IllegalStateException("SCRAM-SHA-256 exchange is over");
        };
    }

    private SaslStep clientFirst(String msg) {
        if (msg.startsWith("p=")) {
            return new SaslStep.Failure(SaslStep.Reason.UNSUPPORTED, "SCRAM: channel binding requested, not offered");
        }
        int c1 = msg.indexOf(',');
        int c2 = c1 < 0 ? -1 : msg.indexOf(',', c1 + 1);
        if (c2 < 0 || !(msg.startsWith("n,") || msg.startsWith("y,"))) {
            return malformed("client-first must start with a GS2 header n,, or y,,");
        }
        String authzPart = msg.substring(c1 + 1, c2);
        Optional<String> authzid = authzPart.isEmpty() ? Optional.of("")
                : authzPart.startsWith("a=") ? saslName(authzPart.substring(2)) : Optional.empty();
        if (authzid.isEmpty()) {
            return malformed("bad authzid in the GS2 header");
        }
        String gs2Header = msg.substring(0, c2 + 1);
        String bare = msg.substring(c2 + 1);
        String[] attrs = bare.split(",", -1);
        if (attrs[0].startsWith("m=")) {
            return new SaslStep.Failure(SaslStep.Reason.UNSUPPORTED, "SCRAM: mandatory extension not supported");
        }
        if (attrs.length < 2 || !attrs[0].startsWith("n=") || !attrs[1].startsWith("r=")) {
            return malformed("client-first-message-bare must be n=user,r=nonce[,ext]");
        }
        Optional<String> user = saslName(attrs[0].substring(2)).filter(u -> !u.isEmpty());
        String cnonce = attrs[1].substring(2);
        if (user.isEmpty() || !validNonce(cnonce)) {
            return malformed("bad user name or nonce in client-first");
        }
        String login = prepared(user.get());
        byte[] salt = context.scramSalt(login);
        int iterations = context.scramIterations();
        Optional<String> stored = context.lookup().storedPassword(login);
        Optional<ScramCredentials> keys = stored.flatMap(p -> Passwords.scramSha256(p, salt, iterations));
        if (stored.flatMap(Passwords::clearText).isEmpty()) {
            // Keys were read, not derived: spend one derivation anyway so timing does not tell the cases apart.
            ScramCredentials.derive(H, context.randomBytes(16), salt, iterations);
        }
        ScramCredentials k = keys.orElseGet(() -> new ScramCredentials(H, salt, iterations,
                context.randomBytes(32), context.randomBytes(32)));
        String nonce = cnonce + serverNonce.get();
        String serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(k.salt()) + ",i="
                + k.iterations();
        state = new WantClientFinal(gs2Header, bare, serverFirst, nonce, user.get(), authzid.get(), k,
                keys.isPresent());
        return new SaslStep.Challenge(Utf8.encode(serverFirst));
    }

    private SaslStep clientFinal(WantClientFinal f, String msg) {
        int p = msg.lastIndexOf(",p=");
        if (p < 0) {
            return malformed("client-final must end with ,p=proof");
        }
        String withoutProof = msg.substring(0, p);
        String[] attrs = withoutProof.split(",", -1);
        if (attrs.length < 2 || !attrs[0].startsWith("c=") || !attrs[1].startsWith("r=")) {
            return malformed("client-final must be c=cbind,r=nonce[,ext],p=proof");
        }
        Optional<byte[]> cbind = base64(attrs[0].substring(2));
        Optional<byte[]> proof = base64(msg.substring(p + 3));
        if (cbind.isEmpty() || !Secrets.equal(cbind.get(), Utf8.encode(f.gs2Header()))) {
            return malformed("channel binding data does not match the GS2 header");
        }
        if (!attrs[1].substring(2).equals(f.nonce())) {
            return malformed("nonce does not match");
        }
        if (proof.isEmpty() || proof.get().length != H.length) {
            return malformed("proof must be " + H.length + " bytes in base64");
        }
        byte[] authMessage = Utf8.encode(f.clientFirstBare() + "," + f.serverFirst() + "," + withoutProof);
        byte[] clientSignature = H.hmac(f.keys().storedKey(), authMessage);
        byte[] clientKey = proof.get().clone();
        for (int i = 0; i < clientKey.length; i++) {
            clientKey[i] ^= clientSignature[i];
        }
        boolean ok = Secrets.equal(H.digest(clientKey), f.keys().storedKey()) & f.real();
        if (!ok) {
            return new SaslStep.Failure(SaslStep.Reason.BAD_CREDENTIALS, "SCRAM-SHA-256: bad credentials");
        }
        byte[] serverSignature = H.hmac(f.keys().serverKey(), authMessage);
        state = new WantAck(f.user(), f.authzid());
        return new SaslStep.Challenge(Utf8.encode("v=" + Base64.getEncoder().encodeToString(serverSignature)));
    }

    /** RFC 5802 saslname: {@code =2C} is ',' and {@code =3D} is '='; any other '=' or a ',' is an error. */
    static Optional<String> saslName(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',') {
                return Optional.empty();
            }
            if (c == '=') {
                if (s.startsWith("=2C", i)) {
                    sb.append(',');
                } else if (s.startsWith("=3D", i)) {
                    sb.append('=');
                } else {
                    return Optional.empty();
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return Optional.of(sb.toString());
    }

    private static String prepared(String user) {
        try {
            return SaslPrep.prepare(user);
        } catch (IllegalArgumentException e) {
            return user;
        }
    }

    private static boolean validNonce(String n) {
        return !n.isEmpty() && n.chars().allMatch(c -> c >= 0x21 && c <= 0x7E && c != ',');
    }

    private static Optional<byte[]> base64(String s) {
        try {
            return Optional.of(Base64.getDecoder().decode(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static SaslStep malformed(String detail) {
        return new SaslStep.Failure(SaslStep.Reason.MALFORMED, "SCRAM-SHA-256: " + detail);
    }
}
