package org.mailferry.smtp.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client addresses allowed to relay without authentication (CommuniGate's "Client IP Addresses"): single
 * addresses, CIDR blocks ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) and ranges ({@code 192.0.2.1-192.0.2.99}),
 * separated by commas, semicolons, spaces or line ends. Only literal addresses are accepted (no DNS).
 */
public final class ClientNetworks {
    private record Range(byte[] low, byte[] high) {
    }

    private final List<Range> ranges;

    private ClientNetworks(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    public static final ClientNetworks NONE = new ClientNetworks(List.of());

    /** Parses the setting; throws IllegalArgumentException naming the bad entry. */
    public static ClientNetworks parse(String spec) {
        List<Range> out = new ArrayList<>();
        if (spec == null) {
            return NONE;
        }
        for (String item : spec.split("[,;\\s]+")) {
            if (item.isEmpty()) {
                continue;
            }
            try {
                if (item.contains("/")) {
                    String[] p = item.split("/", 2);
                    byte[] a = literal(p[0]);
                    int bits = Integer.parseInt(p[1]);
                    if (bits < 0 || bits > a.length * 8) {
                        throw new IllegalArgumentException();
                    }
                    byte[] lo = a.clone();
                    byte[] hi = a.clone();
                    for (int i = 0; i < a.length * 8; i++) {
                        if (i >= bits) {
                            lo[i / 8] &= (byte) ~(0x80 >> (i % 8));
                            hi[i / 8] |= (byte) (0x80 >> (i % 8));
                        }
                    }
                    out.add(new Range(lo, hi));
                } else if (item.contains("-")) {
                    String[] p = item.split("-", 2);
                    out.add(new Range(literal(p[0]), literal(p[1])));
                } else {
                    byte[] a = literal(item);
                    out.add(new Range(a, a));
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("ClientIPs: not an address, CIDR block or range: " + item);
            }
        }
        return new ClientNetworks(out);
    }

    private static byte[] literal(String s) {
        if (!s.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException(s);
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s);
        }
    }

    public boolean contains(InetAddress a) {
        byte[] b = a.getAddress();
        for (Range r : ranges) {
            if (r.low.length == b.length && compare(r.low, b) <= 0 && compare(b, r.high) <= 0) {
                return true;
            }
        }
        return false;
    }

    private static int compare(byte[] x, byte[] y) {
        for (int i = 0; i < x.length; i++) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
