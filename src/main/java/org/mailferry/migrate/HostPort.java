package org.mailferry.migrate;

/**
 * A server given on the command line as {@code host[:port]} (the seed's form, e.g. {@code 192.0.2.3:111});
 * {@code [v6addr]:port} is accepted too. The default port is the protocol's.
 */
public record HostPort(String host, int port) {

    public static HostPort parse(String text, int defaultPort) {
        String s = text.trim();
        if (s.isEmpty()) throw new IllegalArgumentException("empty server address");
        String host = s;
        String port = null;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) throw new IllegalArgumentException("server '" + text + "': missing ']'");
            host = s.substring(1, end);
            if (end + 1 < s.length()) {
                if (s.charAt(end + 1) != ':') throw new IllegalArgumentException("server '" + text + "': expected ':' after ']'");
                port = s.substring(end + 2);
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') == colon) {
                host = s.substring(0, colon);
                port = s.substring(colon + 1);
            }
        }
        if (host.isEmpty()) throw new IllegalArgumentException("server '" + text + "': no host");
        int p = defaultPort;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("server '" + text + "': port '" + port + "' is not a number");
            }
            if (p < 1 || p > 65535) throw new IllegalArgumentException("server '" + text + "': port " + p + " out of range 1-65535");
        }
        return new HostPort(host, p);
    }

    @Override
    public String toString() { return (host.contains(":") ? "[" + host + "]" : host) + ":" + port; }
}
