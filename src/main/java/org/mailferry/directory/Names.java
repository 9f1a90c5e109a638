package org.mailferry.directory;

import java.util.Locale;

/**
 * Rules for object and domain names. Object names (accounts, aliases, forwarders, groups, lists) use
 * {@code A–Z a–z 0–9 - _ .}, do not start or end with a dot, and compare case-insensitively: they are kept
 * in lower case. Domain names are dot-separated labels of letters, digits and hyphens.
 */
public final class Names {
    public static final int MAX_NAME = 128;
    public static final int MAX_DOMAIN = 253;

    private Names() {
    }

    /** Returns the canonical (lower-case) object name, or throws {@link DirectoryException} saying why not. */
    public static String objectName(String name) {
        if (name == null || name.isEmpty()) {
            throw new DirectoryException("the name is empty");
        }
        if (name.length() > MAX_NAME) {
            throw new DirectoryException("the name '" + name + "' is longer than " + MAX_NAME + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '.';
            if (!ok) {
                throw new DirectoryException("the name '" + name + "' contains '" + c
                        + "'; names may use only A-Z a-z 0-9 - _ .");
            }
        }
        if (name.startsWith(".") || name.endsWith(".")) {
            throw new DirectoryException("the name '" + name + "' starts or ends with a dot");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** Returns the canonical (lower-case) domain name, or throws saying why it is not one. */
    public static String domainName(String name) {
        if (name == null || name.isEmpty()) {
            throw new DirectoryException("the domain name is empty");
        }
        if (name.length() > MAX_DOMAIN) {
            throw new DirectoryException("the domain name '" + name + "' is too long");
        }
        String d = name.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                throw new DirectoryException("'" + name + "' is not a valid domain name");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                    throw new DirectoryException("the domain name '" + name + "' contains '" + c + "'");
                }
            }
        }
        return d;
    }
}
