/**
 * Server side of the SASL mechanisms (RFC 4422) Mailferry offers — PLAIN (RFC 4616), LOGIN, CRAM-MD5 (RFC 2195),
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) — and the POP3 APOP digest (RFC 1939), as pure state machines: bytes in,
 * {@link org.mailferry.auth.sasl.SaslStep} out, no sockets, no base64 (the protocol's framing), no threads.
 *
 * <p>How a protocol session uses it: pick a mechanism from {@link org.mailferry.auth.sasl.SaslMechanisms} (which
 * names to advertise, and whether plain-text ones are allowed on this link, is the session's choice), call
 * {@code start(initialResponse)} (null when the client sent none; SASL-IR), send each
 * {@link org.mailferry.auth.sasl.SaslStep.Challenge} base64-encoded and feed the decoded reply to {@code respond},
 * until {@link org.mailferry.auth.sasl.SaslStep.Success} (log the user in as its authentication identity, after
 * checking its authorization identity) or {@link org.mailferry.auth.sasl.SaslStep.Failure}. A client's {@code *}
 * cancels: just drop the mechanism. Accounts are reached only through the
 * {@link org.mailferry.auth.sasl.CredentialLookup} callback; an unknown user fails exactly like a wrong password.
 *
 * <p>Uses {@code org.mailferry.auth} (stored password forms) and {@code auth.scheme}; nothing of net/ or protocols.
 */
package org.mailferry.auth.sasl;
