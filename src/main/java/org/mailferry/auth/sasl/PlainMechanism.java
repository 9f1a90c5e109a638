package org.mailferry.auth.sasl;

import java.util.Optional;

/**
 * SASL PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd} in UTF-8, checked with
 * {@link CredentialLookup#verifyPlain}. Without an initial response the server first sends an empty challenge.
 * Offer it only on a protected link (the session decides).
 */
public final class PlainMechanism implements SaslServer {
    private final SaslContext context;
    private boolean started;
    private boolean done;

    public PlainMechanism(SaslContext context) {
        this.context = context;
    }

    @Override
    public String mechanism() {
        return "PLAIN";
    }

    @Override
    public SaslStep start(byte[] initialResponse) {
        if (started) {
            throw new IllegalStateException("PLAIN already started");
        }
        started = true;
        return initialResponse == null ? new SaslStep.Challenge(new byte[0]) : respond(initialResponse);
    }

    @Override
    public SaslStep respond(byte[] message) {
        if (!started || done) {
            throw new IllegalStateException("PLAIN exchange is " + (done ? "over" : "not started"));
        }
        done = true;
        if (message.length > MAX_MESSAGE) {
            return new SaslStep.Failure(SaslStep.Reason.MALFORMED, "PLAIN message over " + MAX_MESSAGE + " bytes");
        }
        Optional<String> text = Utf8.decode(message);
        if (text.isEmpty()) {
            return new SaslStep.Failure(SaslStep.Reason.MALFORMED, "PLAIN message is not UTF-8");
        }
        String[] f = text.get().split("\0", -1);
        if (f.length != 3 || f[1].isEmpty() || f[2].isEmpty()) {
            return new SaslStep.Failure(SaslStep.Reason.MALFORMED,
                    "PLAIN message must be [authzid] NUL authcid NUL passwd with both non-empty");
        }
        return context.lookup().verifyPlain(f[1], f[2]) ? new SaslStep.Success(f[1], f[0])
                : new SaslStep.Failure(SaslStep.Reason.BAD_CREDENTIALS, "PLAIN: bad credentials");
    }
}
