package org.mailferry.store;

/**
 * ACL rights strings (RFC 4314 §2.1): the letters {@code l r s w i p k x t e a}, plus the obsolete
 * RFC 2086 {@code c} (= {@code kx}) and {@code d} (= {@code xte}) which are expanded; digits are kept as
 * implementation rights. Identifiers are non-empty; a leading {@code -} makes a negative right.
 */
public final class Rights {
    public static final String ALL = "lrswipkxtea";

    private Rights() {
    }

    /**
     * The normalised rights string (letters in RFC order, no duplicates).
     *
     * @throws StoreException {@code CANNOT} for an unknown letter
     */
    public static String normalize(String rights) throws StoreException {
        StringBuilder want = new StringBuilder();
        for (char c : rights.toCharArray()) {
            switch (c) {
                case 'c' -> want.append("kx");
                case 'd' -> want.append("xte");
                default -> {
                    if (ALL.indexOf(c) < 0 && !Character.isDigit(c)) {
                        throw new StoreException(StoreException.Reason.CANNOT, "unknown right '" + c + "'");
                    }
                    want.append(c);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (char c : (ALL + "0123456789").toCharArray()) {
            if (want.indexOf(String.valueOf(c)) >= 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    public static void checkIdentifier(String id) throws StoreException {
        if (id == null || id.isEmpty() || id.equals("-") || id.length() > 255) {
            throw new StoreException(StoreException.Reason.CANNOT, "bad ACL identifier");
        }
        for (char c : id.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                throw new StoreException(StoreException.Reason.CANNOT, "bad ACL identifier");
            }
        }
    }
}
