package org.mailferry.smtp.server;

/**
 * Settings of one SMTP listener, validated at start.
 *
 * @param submission    true for the submission ports (587, 465): MAIL needs AUTH (RFC 6409 §4.3)
 * @param implicitTls   true for SMTPS (465)
 * @param relayClients  addresses that may relay without authentication
 * @param idleTimeoutMillis  how long a client may stay silent (RFC 5321 §4.5.3.2: 5 minutes)
 * @param maxErrors     errors after which the connection is closed with 421
 */
public record SmtpSettings(boolean submission, boolean implicitTls, ClientNetworks relayClients,
                           int idleTimeoutMillis, int maxErrors) {
    public SmtpSettings {
        if (idleTimeoutMillis < 1000 || maxErrors < 1) {
            throw new IllegalArgumentException("bad SMTP settings");
        }
    }

    public static SmtpSettings inbound(ClientNetworks relay) {
        return new SmtpSettings(false, false, relay, 5 * 60_000, 10);
    }

    public static SmtpSettings submission(ClientNetworks relay, boolean implicitTls) {
        return new SmtpSettings(true, implicitTls, relay, 5 * 60_000, 10);
    }
}
