/**
 * Passwords: the stored {@code Password} forms of CommuniGate Pro accounts and the API the directory and the
 * protocols use on them.
 *
 * <p>How the rest of Mailferry uses this package:
 * <ul>
 * <li>{@link org.mailferry.auth.Passwords#verify Passwords.verify(stored, candidate)} at every plain login
 * (USER/PASS, LOGIN, SASL PLAIN/LOGIN, CLI {@code VERIFYACCOUNTPASSWORD});</li>
 * <li>{@link org.mailferry.auth.Passwords#encode Passwords.encode(encryption, clear)} when a password is set, with
 * the account's effective {@code PasswordEncryption} ({@code clear}, {@code A-crpt}, or a scheme name);</li>
 * <li>{@link org.mailferry.auth.Passwords#validate Passwords.validate(stored)} before storing any {@code Password}
 * value given by an administrator (refuses unknown {@code \002} forms), and
 * {@link org.mailferry.auth.Passwords#importHash Passwords.importHash(hash)} for a bare foreign hash;</li>
 * <li>{@link org.mailferry.auth.Passwords#needsRehash Passwords.needsRehash} after a successful plain login, when
 * re-hashing is switched on;</li>
 * <li>{@link org.mailferry.auth.Passwords#schemeName} and {@link org.mailferry.auth.PasswordCensus} for the census;</li>
 * <li>{@link org.mailferry.auth.Passwords#clearText}, {@code scramSha256}, {@code cramMd5} for the secure SASL
 * methods in {@link org.mailferry.auth.sasl} and APOP;</li>
 * <li>{@link org.mailferry.auth.SystemPasswords#verify} for accounts with {@code UseSysPassword}.</li>
 * </ul>
 * The one list of schemes is {@link org.mailferry.auth.PasswordSchemes}; the schemes are in
 * {@link org.mailferry.auth.scheme}. Forms and decisions: docs/passwords.md. This package uses only
 * {@code auth.scheme}; nothing here knows sockets, protocols or the directory.
 */
package org.mailferry.auth;
