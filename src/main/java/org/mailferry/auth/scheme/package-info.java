/**
 * Password schemes: one class per hash family (crypt family, LDAP-style digests, bcrypt, argon2, yescrypt through
 * the system's libcrypt, Dovecot's SCRAM and CRAM-MD5 forms, and our own A-crpt), each able to check a stored hash
 * against a candidate password, validate a hash's form, and, where sensible, encode a new one.
 *
 * <p>This layer knows nothing of stored-string prefixes ({@code \001}/{@code \002}), accounts or protocols: the
 * registry {@link org.mailferry.auth.PasswordSchemes} picks a scheme from a hash's form, and
 * {@link org.mailferry.auth.Passwords} is the API the directory uses. It may use commons-codec, Bouncy Castle
 * and the JDK (FFM for libcrypt); nothing else of Mailferry.
 */
package org.mailferry.auth.scheme;
