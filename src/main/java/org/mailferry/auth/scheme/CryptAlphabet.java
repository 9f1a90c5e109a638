package org.mailferry.auth.scheme;

import java.security.SecureRandom;

/** The {@code ./0-9A-Za-z} alphabet of crypt(3) salts and hashes. */
final class CryptAlphabet {
    static final String CHARS = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private CryptAlphabet() {
    }

    static boolean isCryptChar(char c) {
        return c == '.' || c == '/' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static boolean all(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isCryptChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String salt(SecureRandom random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(CHARS.charAt(random.nextInt(CHARS.length())));
        }
        return sb.toString();
    }
}
