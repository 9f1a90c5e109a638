package org.mailferry.data;

/** A typed IP address atom {@code #I[10.0.1.2]} or {@code #I[10.0.1.2]:5060}; port is -1 when absent. */
public record IpAddress(String address, int port) {
    public IpAddress {
        if (address.isEmpty() || address.indexOf(']') >= 0) {
            throw new IllegalArgumentException("bad IP address text: " + address);
        }
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("bad port: " + port);
        }
    }
}
