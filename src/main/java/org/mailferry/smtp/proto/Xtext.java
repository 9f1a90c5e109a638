package org.mailferry.smtp.proto;

import java.nio.charset.StandardCharsets;

/** The xtext encoding of DSN and AUTH parameters (RFC 3461 §4): {@code +XX} for bytes outside 0x21-0x7e, '+', '='. */
public final class Xtext {
    private Xtext() {
    }

    public static boolean valid(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
                    return false;
                }
                i += 2;
            } else if (c < 0x21 || c > 0x7e || c == '=') {
                return false;
            }
        }
        return true;
    }

    public static String decode(String s) {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' && i + 2 < s.length()) {
                buf[n++] = (byte) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                buf[n++] = (byte) c;
            }
        }
        sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        return sb.toString();
    }

    public static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x21 || c > 0x7e || c == '+' || c == '=') {
                sb.append('+').append(String.format("%02X", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
