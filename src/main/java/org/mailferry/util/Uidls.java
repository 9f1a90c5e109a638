package org.mailferry.util;

/** POP3 unique-ids (RFC 1939 §7), as the store keeps them and the protocols and movers pass them on. */
public final class Uidls {
    private Uidls() {
    }

    /** Whether {@code uidl} may be a UIDL: 1 to 70 characters from 0x21 to 0x7E. */
    public static boolean valid(String uidl) {
        return uidl != null && !uidl.isEmpty() && uidl.length() <= 70 && uidl.chars().allMatch(ch -> ch >= 0x21 && ch <= 0x7e);
    }
}
