package org.mailferry.auth.sasl;

/**
 * What a SASL mechanism answers to each client message: another challenge, success, or failure.
 */
public sealed interface SaslStep {

    /** Send {@code data} to the client (base64 in IMAP {@code +}, SMTP {@code 334}, POP3 {@code +}). */
    record Challenge(byte[] data) implements SaslStep {
        public Challenge {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /**
     * The client proved it knows the password of {@code authenticationId} (the login name it gave; an alias or
     * {@code name@domain} is resolved by the caller). {@code authorizationId} is the identity it asked to act as,
     * empty when none; the caller accepts it only when empty, equal, or allowed by its rules.
     */
    record Success(String authenticationId, String authorizationId) implements SaslStep {
    }

    /** The exchange failed; {@code detail} is for the log only (it never holds a secret). */
    record Failure(Reason reason, String detail) implements SaslStep {
    }

    /** Why an exchange failed, for the protocol's reply code. */
    enum Reason {
        /** Wrong password, no such user, or a stored password this mechanism cannot use: all alike. IMAP NO, SMTP 535. */
        BAD_CREDENTIALS,
        /** The client's message does not follow the mechanism's syntax or is too long. IMAP BAD, SMTP 501. */
        MALFORMED,
        /** The client asked for something this server does not offer (channel binding, a mandatory extension). */
        UNSUPPORTED
    }
}
