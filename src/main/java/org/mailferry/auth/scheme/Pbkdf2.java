package org.mailferry.auth.scheme;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dovecot's {@code {PBKDF2}} form, {@code $1$SALT$ROUNDS$HEX}: PBKDF2-HMAC-SHA1 over the password with the salt
 * text's bytes as salt, 20 bytes of output in hex. Import only.
 */
public final class Pbkdf2 implements PasswordScheme {
    public static final Pbkdf2 INSTANCE = new Pbkdf2();
    private static final Pattern FORM = Pattern.compile("\\$1\\$([^$]{1,64})\\$([0-9]{1,10})\\$([0-9a-fA-F]{40})");

    private Pbkdf2() {
    }

    @Override
    public String name() {
        return "PBKDF2";
    }

    @Override
    public boolean slow() {
        return true;
    }

    private Matcher parse(String hash) {
        Matcher m = FORM.matcher(hash);
        if (!m.matches()) {
            throw new InvalidPasswordException("PBKDF2 hash must be $1$SALT$ROUNDS$ and 40 hex digits (Dovecot's form)");
        }
        Limits.iterations("PBKDF2 rounds", Long.parseLong(m.group(2)), 1);
        return m;
    }

    @Override
    public void validate(String hash) {
        parse(hash);
    }

    @Override
    public boolean verify(String hash, byte[] password) {
        Matcher m;
        try {
            m = parse(hash);
        } catch (InvalidPasswordException e) {
            return false;
        }
        byte[] computed = ScramCredentials.hi(ScramCredentials.Hash.SHA_1, password,
                m.group(1).getBytes(StandardCharsets.UTF_8), Integer.parseInt(m.group(2)));
        return Secrets.equal(computed, HexFormat.of().parseHex(m.group(3)));
    }
}
