package org.mailferry.auth.sasl;

import java.util.HexFormat;
import java.util.Optional;
import org.mailferry.auth.Passwords;
import org.mailferry.auth.scheme.HmacMd5State;
import org.mailferry.auth.scheme.Secrets;

/**
 * SASL CRAM-MD5 (RFC 2195): the server sends {@code <random.time@host>}, the client answers
 * {@code user SP hex(HMAC-MD5(password, challenge))}. Works only when the stored password is clear (or an imported
 * {@code {PLAIN}} / {@code {CRAM-MD5}}); for any other form, and for unknown users, the answer is checked against a
 * random key and fails like a wrong password.
 */
public final class CramMd5Mechanism implements SaslServer {
    private final SaslContext context;
    private byte[] challenge;
    private boolean done;

    public CramMd5Mechanism(SaslContext context) {
        this.context = context;
    }

    @Override
    public String mechanism() {
        return "CRAM-MD5";
    }

    @Override
    public SaslStep start(byte[] initialResponse) {
        if (challenge != null) {
            throw new IllegalStateException("CRAM-MD5 already started");
        }
        long random = context.random().nextLong() & Long.MAX_VALUE;
        challenge = Utf8.encode("<" + random + "." + System.currentTimeMillis() + "@" + context.serverName() + ">");
        if (initialResponse != null && initialResponse.length > 0) {
            done = true;
            return new SaslStep.Failure(SaslStep.Reason.MALFORMED, "CRAM-MD5 takes no initial response");
        }
        return new SaslStep.Challenge(challenge);
    }

    /** The challenge sent (for tests and logs). */
    byte[] challenge() {
        return challenge.clone();
    }

    @Override
    public SaslStep respond(byte[] response) {
        if (challenge == null || done) {
            throw new IllegalStateException("CRAM-MD5 exchange is " + (done ? "over" : "not started"));
        }
        done = true;
        Optional<String> text = response.length > MAX_MESSAGE ? Optional.empty() : Utf8.decode(response);
        int space = text.map(t -> t.lastIndexOf(' ')).orElse(-1);
        if (space <= 0 || !Secrets.isHex(text.get().substring(space + 1))
                || text.get().length() - space - 1 != 32) {
            return new SaslStep.Failure(SaslStep.Reason.MALFORMED, "CRAM-MD5 answer must be user SP 32 hex digits");
        }
        String user = text.get().substring(0, space);
        byte[] digest = HexFormat.of().parseHex(text.get().substring(space + 1));
        HmacMd5State key = context.lookup().storedPassword(user).flatMap(Passwords::cramMd5)
                .orElseGet(() -> HmacMd5State.of(context.randomBytes(16)));
        return Secrets.equal(key.mac(challenge), digest) ? new SaslStep.Success(user, "")
                : new SaslStep.Failure(SaslStep.Reason.BAD_CREDENTIALS, "CRAM-MD5: bad credentials");
    }
}
