package org.mailferry.directory;

import java.util.Optional;
import org.mailferry.auth.Passwords;
import org.mailferry.auth.scheme.InvalidPasswordException;

/**
 * The directory's password codec backed by the scheme registry of {@code org.mailferry.auth}: imported
 * ({@code \002}) and A-crpt ({@code \001}) strings are validated and kept as given, clear passwords are encoded
 * with the account's effective PasswordEncryption. Errors become {@link DirectoryException}s whose text never
 * contains the password.
 */
public final class StandardPasswordCodec implements PasswordCodec {
    public static final StandardPasswordCodec INSTANCE = new StandardPasswordCodec();

    private StandardPasswordCodec() {
    }

    @Override
    public String store(String given, String encryption) {
        try {
            if (!given.isEmpty() && (given.charAt(0) == '\u0001' || given.charAt(0) == '\u0002')) {
                Passwords.validate(given);
                return given;
            }
            return Passwords.encode(encryption, given);
        } catch (InvalidPasswordException e) {
            throw new DirectoryException("the password cannot be stored: " + e.getMessage());
        }
    }

    @Override
    public boolean verify(String stored, String candidate) {
        return Passwords.verify(stored, candidate);
    }

    @Override
    public String schemeName(String stored) {
        return Passwords.schemeName(stored);
    }

    @Override
    public boolean needsRehash(String stored, String encryption) {
        return Passwords.needsRehash(stored, encryption);
    }

    @Override
    public Optional<String> clearText(String stored) {
        return Passwords.clearText(stored);
    }
}
