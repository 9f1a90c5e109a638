package org.mailferry.net.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client halves of the SASL mechanisms the movers speak, without I/O: PLAIN (RFC 4616), LOGIN
 * (draft-murchison-sasl-login), CRAM-MD5 (RFC 2195), SCRAM-SHA-256 and SCRAM-SHA-1 (RFC 7677, RFC 5802;
 * {@link ClientScram}), OAUTHBEARER (RFC 7628) and XOAUTH2 (Google's and Microsoft's form), whose "password" is an
 * OAuth 2.0 access token, and POP3's APOP digest (RFC 1939 §7). Results are base64 text to send as a protocol line
 * (APOP: hex). The callers never log what these return.
 */
public final class ClientSasl {
    private ClientSasl() { }

    /** The mechanisms the clients can use, in the order "auto" prefers them when it must use SASL. */
    public static final List<String> SUPPORTED = List.of("PLAIN", "LOGIN", "SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5");

    /** Mechanisms whose secret is an OAuth 2.0 access token; never chosen by "auto", only when asked for. */
    public static final List<String> TOKEN_MECHANISMS = List.of("OAUTHBEARER", "XOAUTH2");

    /** Whether {@code mechanism} is one of {@link #SUPPORTED} or {@link #TOKEN_MECHANISMS}. */
    public static boolean known(String mechanism) {
        return SUPPORTED.contains(mechanism) || TOKEN_MECHANISMS.contains(mechanism);
    }

    /**
     * OAUTHBEARER's client response (RFC 7628 §3.1): gs2 header with the authorization identity, then
     * {@code auth=Bearer <token>}, fields separated by 0x01.
     */
    public static String oauthBearer(String user, String token) {
        return b64(utf8("n,a=" + user.replace("=", "=3D").replace(",", "=2C") + ",\u0001auth=Bearer " + token + "\u0001\u0001"));
    }

    /** XOAUTH2's client response: {@code user=<user>^Aauth=Bearer <token>^A^A}. */
    public static String xoauth2(String user, String token) {
        return b64(utf8("user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001"));
    }

    /**
     * One SASL exchange, client side: {@link #next} answers each server challenge (base64 text, "" for an empty
     * one) with the line to send, "*" to cancel a challenge the mechanism does not expect.
     */
    public interface Exchange {
        String next(String challenge);

        /**
         * Whether the exchange reached its end: always for PLAIN, LOGIN and CRAM-MD5; for SCRAM only once the
         * server's final message verified, so a server that says OK without proving it knows the password's
         * keys is not trusted.
         */
        default boolean complete() {
            return true;
        }
    }

    /** Starts an exchange of {@code mechanism} (one of {@link #SUPPORTED}). */
    public static Exchange start(String mechanism, String user, String password) {
        return switch (mechanism) {
            case "PLAIN" -> new Exchange() {
                int step;

                @Override
                public String next(String challenge) {
                    return step++ == 0 ? plain(user, password) : "*";
                }
            };
            case "LOGIN" -> new Exchange() {
                int step;

                @Override
                public String next(String challenge) {
                    int s = step++;
                    return s == 0 ? login(user) : s == 1 ? login(password) : "*";
                }
            };
            case "CRAM-MD5" -> new Exchange() {
                int step;

                @Override
                public String next(String challenge) {
                    return step++ == 0 ? cramMd5(user, password, challenge == null ? "" : challenge) : "*";
                }
            };
            case "SCRAM-SHA-256", "SCRAM-SHA-1" -> new Exchange() {
                final ClientScram scram = new ClientScram(mechanism, user, password, new java.security.SecureRandom());
                int step;
                boolean verified;

                @Override
                public String next(String challenge) {
                    switch (step++) {
                        case 0:
                            return scram.first();
                        case 1:
                            return scram.answer(challenge == null ? "" : challenge);
                        case 2:
                            scram.verify(challenge == null ? "" : challenge);
                            verified = true;
                            return "";
                        default:
                            return "*";
                    }
                }

                @Override
                public boolean complete() {
                    return verified;
                }
            };
            case "OAUTHBEARER", "XOAUTH2" -> new Exchange() {
                int step;

                @Override
                public String next(String challenge) {
                    if (step++ == 0) return mechanism.equals("XOAUTH2") ? xoauth2(user, password) : oauthBearer(user, password);
                    // a challenge after the token is the server's error (JSON): end the exchange so it can answer NO
                    // (RFC 7628 §3.2.3: a single 0x01; XOAUTH2: an empty response)
                    return mechanism.equals("XOAUTH2") ? "" : b64(new byte[] {1});
                }
            };
            default -> throw new IllegalArgumentException("unsupported SASL mechanism " + mechanism);
        };
    }

    /** PLAIN's single message: empty authorization id, NUL, user, NUL, password. */
    public static String plain(String user, String password) {
        byte[] u = utf8(user), p = utf8(password);
        byte[] msg = new byte[u.length + p.length + 2];
        System.arraycopy(u, 0, msg, 1, u.length);
        System.arraycopy(p, 0, msg, u.length + 2, p.length);
        return b64(msg);
    }

    /** LOGIN: the user name for the first challenge ("Username:"), the password for the second. */
    public static String login(String text) { return b64(utf8(text)); }

    /** CRAM-MD5: user, space, hex HMAC-MD5 of the server's (base64) challenge keyed with the password. */
    public static String cramMd5(String user, String password, String challengeBase64) {
        byte[] challenge;
        try {
            challenge = Base64.getMimeDecoder().decode(challengeBase64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CRAM-MD5: the server's challenge is not base64");
        }
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(utf8(password).length == 0 ? new byte[1] : utf8(password), "HmacMD5"));
            return b64(utf8(user + " " + HexFormat.of().formatHex(mac.doFinal(challenge))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 unavailable", e);
        }
    }

    /** APOP: hex MD5 of the greeting's timestamp ({@code <...>}) followed by the password. */
    public static String apop(String timestamp, String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(utf8(timestamp + password)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    /** The first of {@link #SUPPORTED} the server offers (upper-case names), or null. */
    public static String firstOffered(Set<String> offered) {
        for (String m : SUPPORTED) if (offered.contains(m)) return m;
        return null;
    }

    /** Normalises an --*-auth option value ("auto", a mechanism name, or one of {@code extra}); fails on others. */
    public static String option(String value, String what, String... extra) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.equals("AUTO") || known(v) || List.of(extra).contains(v)) return v;
        throw new IllegalArgumentException(what + " '" + value + "': expected auto, " + String.join(", ", extra).toLowerCase(Locale.ROOT)
                + (extra.length > 0 ? ", " : "") + "plain, login, cram-md5, scram-sha-256, scram-sha-1, oauthbearer or xoauth2");
    }

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static String b64(byte[] b) { return Base64.getEncoder().encodeToString(b); }
}
