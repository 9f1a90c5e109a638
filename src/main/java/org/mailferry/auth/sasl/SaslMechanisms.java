package org.mailferry.auth.sasl;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registry of SASL mechanisms Mailferry offers, strongest first. The session advertises
 * {@link #names(boolean)} and creates a fresh {@link SaslServer} per {@code AUTH}/{@code AUTHENTICATE}.
 */
public final class SaslMechanisms {
    private SaslMechanisms() {
    }

    /** Every mechanism, strongest first. */
    public static final List<String> ALL = List.of("SCRAM-SHA-256", "CRAM-MD5", "PLAIN", "LOGIN");

    /** Mechanisms that send the password itself, to be offered only on a protected link. */
    public static final List<String> PLAINTEXT = List.of("PLAIN", "LOGIN");

    /** The mechanisms to advertise: all of them, or without the plain-text ones. */
    public static List<String> names(boolean plaintextAllowed) {
        return plaintextAllowed ? ALL : ALL.stream().filter(n -> !PLAINTEXT.contains(n)).toList();
    }

    /** A new exchange for {@code name} (case-insensitive), or empty for a mechanism not offered. */
    public static Optional<SaslServer> create(String name, SaslContext context) {
        return Optional.ofNullable(switch (name.toUpperCase(Locale.ROOT)) {
            case "SCRAM-SHA-256" -> new ScramSha256Mechanism(context);
            case "CRAM-MD5" -> new CramMd5Mechanism(context);
            case "PLAIN" -> new PlainMechanism(context);
            case "LOGIN" -> new LoginMechanism(context);
            default -> null;
        });
    }
}
