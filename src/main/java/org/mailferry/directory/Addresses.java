package org.mailferry.directory;

/**
 * Light checks of the addresses the directory stores (forwarder targets, group members): a local name or
 * {@code local@domain}, no spaces or control characters, within RFC 5321's length limits. Routing is not
 * done here.
 */
public final class Addresses {
    private Addresses() {
    }

    public static String check(String address) {
        if (address == null || address.isBlank()) {
            throw new DirectoryException("the address is empty");
        }
        String a = address.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.length() > 254) {
            throw new DirectoryException("the address '" + a + "' is longer than 254 characters");
        }
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"') {
                throw new DirectoryException("the address '" + a + "' contains a character not allowed here");
            }
        }
        int at = a.lastIndexOf('@');
        if (at == 0 || at == a.length() - 1) {
            throw new DirectoryException("the address '" + a + "' has an empty local part or domain");
        }
        if (at > 0) {
            Names.domainName(a.substring(at + 1));
        }
        return a;
    }
}
