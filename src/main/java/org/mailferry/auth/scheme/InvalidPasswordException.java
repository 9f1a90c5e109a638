package org.mailferry.auth.scheme;

/**
 * A stored password string, or an encryption name, that Mailferry cannot accept.
 *
 * <p>The message says what is wrong and what was expected, and is safe to show to an administrator: it names
 * the scheme or prefix but never repeats the hash or a password.
 */
public final class InvalidPasswordException extends IllegalArgumentException {
    public InvalidPasswordException(String message) {
        super(message);
    }
}
