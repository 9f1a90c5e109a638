package org.mailferry.directory;

/**
 * How the directory turns a password given by an administrator or user into its stored form and checks a
 * login against it. The implementation is the password scheme registry of {@code org.mailferry.auth};
 * the directory only knows this interface, so it stays testable on its own.
 */
public interface PasswordCodec {
    /**
     * The stored form of a password given in settings or by SETACCOUNTPASSWORD: a string that starts with
     * byte 2 is an imported encrypted password and is validated (unknown forms throw
     * {@link DirectoryException}); one that starts with byte 1 is already in our A-crpt form and is
     * validated; anything else is a clear password, encoded with {@code encryption} (the account's
     * effective PasswordEncryption setting).
     */
    String store(String given, String encryption);

    /** Whether {@code candidate} matches the stored form (constant time where the scheme allows). */
    boolean verify(String stored, String candidate);

    /** The scheme name of a stored form, for the census ("clear", "A-crpt", "MD5-CRYPT", …). */
    String schemeName(String stored);

    /** Whether a stored form should be replaced by one made with {@code encryption} at the next login. */
    boolean needsRehash(String stored, String encryption);

    /** The clear text of a stored form when it keeps one (for APOP and CRAM-MD5), else empty. */
    default java.util.Optional<String> clearText(String stored) {
        return java.util.Optional.empty();
    }

    /** Clear text only: for tests and for a server without the auth module wired. */
    PasswordCodec CLEAR_ONLY = new PasswordCodec() {
        @Override
        public String store(String given, String encryption) {
            if (!given.isEmpty() && given.charAt(0) < 3) {
                throw new DirectoryException("encrypted passwords are not supported by this codec");
            }
            return given;
        }

        @Override
        public boolean verify(String stored, String candidate) {
            return java.security.MessageDigest.isEqual(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    candidate.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public String schemeName(String stored) {
            return "clear";
        }

        @Override
        public java.util.Optional<String> clearText(String stored) {
            return java.util.Optional.of(stored);
        }

        @Override
        public boolean needsRehash(String stored, String encryption) {
            return false;
        }
    };
}
