package org.mailferry.access;

import java.time.Duration;

/**
 * Settings of account access, validated at start.
 *
 * @param serverName          the host name used in greetings, CRAM-MD5 challenges and APOP timestamps
 * @param failureDelayMillis  delay before answering a failed login (doubles per failure, up to 8×)
 * @param failureWindow       the window in which failed logins are counted
 * @param maxFailuresPerAddress failed logins from one client address before it is refused for the window
 * @param maxFailuresPerName  failed logins for one name before that name is refused for the window
 * @param insecurePlainLogin  whether clear-text passwords (LOGIN, USER/PASS, AUTH PLAIN/LOGIN) are accepted on
 *                            an unencrypted link from a non-loopback address
 */
public record AccessSettings(String serverName, long failureDelayMillis, Duration failureWindow,
                             int maxFailuresPerAddress, int maxFailuresPerName, boolean insecurePlainLogin) {
    public AccessSettings {
        if (failureDelayMillis < 0 || maxFailuresPerAddress < 1 || maxFailuresPerName < 1) {
            throw new IllegalArgumentException("bad login throttling settings");
        }
    }

    public static AccessSettings defaults(String serverName) {
        return new AccessSettings(serverName, 1000, Duration.ofMinutes(15), 30, 10, true);
    }
}
