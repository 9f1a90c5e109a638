package org.mailferry.app;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's start-up options, validated and frozen before anything starts.
 *
 * @param base               the base directory (created on first start)
 * @param mainDomain         the main domain name used on first start (later starts keep the stored one)
 * @param postmasterPassword the postmaster password set on first start, or null to generate one
 * @param listen             the address every listener binds
 * @param ports              listener name → port; 0 means "do not start"
 * @param relayHost          the outbound relay {@code host[:port]}, or null
 */
public record ServerOptions(Path base, String mainDomain, String postmasterPassword, InetAddress listen,
                            Map<String, Integer> ports, String relayHost) {

    /** Every listener the server knows, in start order, with its standard port. */
    public static final Map<String, Integer> STANDARD_PORTS;

    static {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("cli", 106);
        m.put("smtp", 25);
        m.put("submission", 587);
        m.put("smtps", 465);
        m.put("pop3", 110);
        m.put("pop3s", 995);
        m.put("imap", 143);
        m.put("imaps", 993);
        m.put("http", 8010);
        STANDARD_PORTS = java.util.Collections.unmodifiableMap(m);
    }

    public ServerOptions {
        ports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        for (var e : ports.entrySet()) {
            if (!STANDARD_PORTS.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown listener " + e.getKey());
            }
            if (e.getValue() < 0 || e.getValue() > 65535) {
                throw new IllegalArgumentException("--" + e.getKey() + "-port " + e.getValue()
                        + " is not a TCP port (0 disables the listener)");
            }
        }
    }

    /** The port of a listener, or 0 when it is disabled. */
    public int port(String listener) {
        return ports.getOrDefault(listener, 0);
    }
}
