package org.mailferry.auth.sasl;

import java.util.HexFormat;
import java.util.Locale;
import org.mailferry.auth.Passwords;
import org.mailferry.auth.scheme.Secrets;

/**
 * POP3 APOP (RFC 1939 §7): the greeting carries a unique timestamp {@code <random.time@host>}; the client sends
 * {@code APOP user hex(MD5(timestamp + password))}. Needs the clear password (clear, or imported {@code {PLAIN}});
 * for other stored forms and unknown users the digest is compared with one of a random value and fails alike. The
 * CLI's PWD protocol uses the same digest.
 */
public final class Apop {
    private Apop() {
    }

    /** A fresh greeting timestamp, {@code <random.millis@host>}. */
    public static String timestamp(SaslContext context) {
        return "<" + (context.random().nextLong() & Long.MAX_VALUE) + "." + System.currentTimeMillis() + "@"
                + context.serverName() + ">";
    }

    /** Whether {@code digestHex} (32 hex digits, either case) is right for {@code user} and {@code timestamp}. */
    public static boolean verify(SaslContext context, String timestamp, String user, String digestHex) {
        if (digestHex == null || digestHex.length() != 32 || !Secrets.isHex(digestHex)) {
            return false;
        }
        byte[] given = HexFormat.of().parseHex(digestHex.toLowerCase(Locale.ROOT));
        String secret = context.lookup().storedPassword(user).flatMap(Passwords::clearText)
                .orElseGet(() -> HexFormat.of().formatHex(context.randomBytes(16)));
        byte[] expected = Secrets.digest("MD5", Utf8.encode(timestamp), Utf8.encode(secret));
        return Secrets.equal(expected, given);
    }
}
