package org.mailferry.auth.sasl;

/**
 * One server-side SASL exchange. Single use and not thread-safe: a session drives it from its own thread. After a
 * {@link SaslStep.Success} or {@link SaslStep.Failure} further calls throw {@link IllegalStateException}.
 */
public interface SaslServer {
    /** Largest client message any mechanism accepts, in bytes. */
    int MAX_MESSAGE = 4096;

    /** The mechanism's registered name, e.g. {@code SCRAM-SHA-256}. */
    String mechanism();

    /**
     * Begins the exchange. {@code initialResponse} is null when the client sent none, and empty for SASL-IR's
     * {@code =}.
     */
    SaslStep start(byte[] initialResponse);

    /** The client's (base64-decoded) answer to the last challenge. */
    SaslStep respond(byte[] response);
}
