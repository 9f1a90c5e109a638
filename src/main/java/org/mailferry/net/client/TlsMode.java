package org.mailferry.net.client;

import java.util.Locale;

/**
 * How a client secures one connection: {@link #AUTO} (implicit TLS on the protocol's TLS port, else STARTTLS
 * when the server offers it, else plain — never plain when it is offered), {@link #STARTTLS} (required),
 * {@link #IMPLICIT} (TLS from the first byte: IMAPS 993, POP3S 995, SMTPS 465) or {@link #NONE} (plain,
 * even when the server offers STARTTLS).
 */
public enum TlsMode {
    AUTO, NONE, STARTTLS, IMPLICIT;

    /** Parses an option value: auto, none, starttls or implicit (case-insensitive). */
    public static TlsMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TLS mode '" + s + "': expected auto, none, starttls or implicit");
        }
    }

    /** The mode for a connection to {@code port}: AUTO becomes IMPLICIT on the protocol's implicit-TLS port. */
    public TlsMode resolve(int port, int implicitPort) {
        return this == AUTO && port == implicitPort ? IMPLICIT : this;
    }

    @Override
    public String toString() { return name().toLowerCase(Locale.ROOT); }
}
