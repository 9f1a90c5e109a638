package org.mailferry.access;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Base64;
import org.mailferry.auth.sasl.SaslServer;
import org.mailferry.auth.sasl.SaslStep;
import org.mailferry.directory.Account;

/**
 * Runs one SASL exchange (RFC 4422) over a protocol's framing: challenges go out base64-encoded (IMAP {@code +},
 * SMTP {@code 334}, POP3 {@code +}), answers come back as base64 lines, {@code *} cancels (RFC 4954 §4,
 * RFC 3501 §6.2.2, RFC 5034 §4). SASL-IR's initial response is given as sent ({@code =} for empty).
 */
public final class SaslDriver {
    private SaslDriver() {
    }

    /** The protocol side: send a challenge, read the client's next line. */
    public interface Wire {
        void challenge(String base64) throws IOException;

        /** The client's next line, or null when the connection closed. */
        String response() throws IOException;
    }

    /** How the exchange ended. */
    public sealed interface Outcome {
        record Success(Account account) implements Outcome {
        }

        /** Bad credentials or a refused identity; the client gets the protocol's "authentication failed". */
        record Failed() implements Outcome {
        }

        record Cancelled() implements Outcome {
        }

        /** The client broke the mechanism's syntax (or sent bad base64): a syntax error reply. */
        record Malformed(String text) implements Outcome {
        }
    }

    public static Outcome run(MailAccess access, SaslServer sasl, String initialResponse, Wire wire,
                              InetAddress client) throws IOException {
        SaslStep step;
        if (initialResponse == null) {
            step = sasl.start(null);
        } else if (initialResponse.equals("=")) {
            step = sasl.start(new byte[0]);
        } else {
            byte[] ir = decode(initialResponse);
            if (ir == null) {
                return new Outcome.Malformed("Invalid base64 in initial response");
            }
            step = sasl.start(ir);
        }
        while (step instanceof SaslStep.Challenge c) {
            wire.challenge(Base64.getEncoder().encodeToString(c.data()));
            String line = wire.response();
            if (line == null) {
                throw new java.io.EOFException("connection closed during authentication");
            }
            if (line.strip().equals("*")) {
                return new Outcome.Cancelled();
            }
            byte[] answer = decode(line.strip());
            if (answer == null) {
                return new Outcome.Malformed("Invalid base64 in response");
            }
            step = sasl.respond(answer);
        }
        if (step instanceof SaslStep.Failure f && f.reason() != SaslStep.Reason.BAD_CREDENTIALS) {
            access.saslResult(step, client);
            return new Outcome.Malformed("Authentication exchange failed");
        }
        return access.saslResult(step, client).<Outcome>map(r -> new Outcome.Success(r.account()))
                .orElseGet(Outcome.Failed::new);
    }

    private static byte[] decode(String s) {
        if (s.length() > 4 * SaslServer.MAX_MESSAGE) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
