package org.mailferry.delivery;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import javax.naming.NamingEnumeration;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.InitialDirContext;

/**
 * Where remote mail goes: the relay host ({@code --relay-host HOST[:PORT]} or the RelayHost setting) for every
 * domain, or else the domain's MX hosts by preference (RFC 5321 §5.1), falling back to the domain itself. Tests
 * always set a relay host on 127.0.0.1, so they never look up a DNS name.
 */
public final class Transport {
    /** One host to try. */
    public record Hop(String host, int port) {
    }

    private final Hop relay;

    /** @param relayHost {@code host[:port]} or null for MX delivery */
    public Transport(String relayHost) {
        this.relay = relayHost == null || relayHost.isBlank() ? null : parse(relayHost);
    }

    static Hop parse(String hostPort) {
        String s = hostPort.strip();
        int port = 25;
        int colon = s.lastIndexOf(':');
        if (colon > 0 && !s.endsWith("]") && s.indexOf(':') == colon) {
            port = Integer.parseInt(s.substring(colon + 1));
            s = s.substring(0, colon);
        } else if (s.startsWith("[") && s.contains("]:")) {
            port = Integer.parseInt(s.substring(s.lastIndexOf("]:") + 2));
            s = s.substring(1, s.lastIndexOf("]:"));
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("relay host port out of range: " + hostPort);
        }
        return new Hop(s, port);
    }

    public Hop relay() {
        return relay;
    }

    /** The hosts to try for {@code domain}, best first. */
    public List<Hop> hops(String domain) {
        if (relay != null) {
            return List.of(relay);
        }
        List<Hop> out = new ArrayList<>();
        try {
            Hashtable<String, String> env = new Hashtable<>();
            env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
            Attributes attrs = new InitialDirContext(env).getAttributes(domain, new String[] {"MX"});
            Attribute mx = attrs.get("MX");
            if (mx != null) {
                List<String[]> recs = new ArrayList<>();
                NamingEnumeration<?> e = mx.getAll();
                while (e.hasMore()) {
                    recs.add(String.valueOf(e.next()).split(" "));
                }
                recs.sort((a, b) -> Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0])));
                for (String[] r : recs) {
                    String h = r[1].endsWith(".") ? r[1].substring(0, r[1].length() - 1) : r[1];
                    if (!h.isEmpty()) {
                        out.add(new Hop(h.toLowerCase(Locale.ROOT), 25));
                    }
                }
            }
        } catch (javax.naming.NamingException | RuntimeException e) {
            // no MX: fall back to the domain itself
        }
        if (out.isEmpty()) {
            out.add(new Hop(domain, 25));
        }
        return out;
    }
}
