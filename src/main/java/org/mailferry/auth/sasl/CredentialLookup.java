package org.mailferry.auth.sasl;

import java.util.Optional;
import org.mailferry.auth.Passwords;

/**
 * How mechanisms reach accounts: the directory implements this. {@link #storedPassword} returns the stored
 * {@code Password} string of the account a login name selects (alias and {@code name@domain} resolved), or empty
 * when there is no such account or it may not log in — the mechanisms then behave exactly as for a wrong password.
 */
@FunctionalInterface
public interface CredentialLookup {

    /** The stored password string for {@code loginName}, or empty for "no such user". */
    Optional<String> storedPassword(String loginName);

    /**
     * Checks a plain password (PLAIN, LOGIN). The default verifies against {@link #storedPassword}, spending the
     * same time for unknown users; the directory overrides it for {@code UseSysPassword} / external authentication.
     */
    default boolean verifyPlain(String loginName, String password) {
        return Passwords.verifyAccount(storedPassword(loginName), password);
    }
}
