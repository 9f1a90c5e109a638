package org.mailferry.directory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The account settings Mailferry knows, with their built-in defaults (the last layer of the effective
 * settings: explicit account setting → domain account defaults → these). Other keys may be stored too; they
 * are kept as given.
 */
public final class AccountSettings {
    public static final String PASSWORD = "Password";
    public static final String PASSWORD_ENCRYPTION = "PasswordEncryption";
    public static final String USE_APP_PASSWORD = "UseAppPassword";
    public static final String USE_EXT_PASSWORD = "UseExtPassword";
    public static final String USE_SYS_PASSWORD = "UseSysPassword";
    public static final String REAL_NAME = "RealName";
    public static final String LEGACY_INBOX = "LegacyINBOX";

    /** Built-in defaults, in the order GETACCOUNTEFFECTIVESETTINGS prints them. */
    public static final Map<String, Object> DEFAULTS;

    static {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(PASSWORD_ENCRYPTION, "A-crpt"); // one-way, and SCRAM-SHA-256 keeps working (docs/passwords.md)
        d.put(USE_APP_PASSWORD, "YES");       // the account's own ("CommuniGate") password
        d.put(USE_EXT_PASSWORD, "NO");        // ask the external authenticator
        d.put(USE_SYS_PASSWORD, "NO");        // verify against the OS account of the same name
        d.put("CanModifyPassword", "YES");    // the user may change their own password
        d.put("RequireAPOP", "NO");
        d.put("PWDAllowed", "YES");           // the user may log in to the PWD/CLI port
        d.put(LEGACY_INBOX, "NO");            // INBOX kept outside the base directory (domain LegacyINBOXPath)
        d.put("MaxAccountSize", "unlimited");
        d.put("MaxMessageSize", "unlimited");
        DEFAULTS = java.util.Collections.unmodifiableMap(d);
    }

    /** Setting names an import file column may carry (matched case-insensitively by importers). */
    public static final Set<String> KNOWN = Set.of(PASSWORD, PASSWORD_ENCRYPTION, USE_APP_PASSWORD,
            USE_EXT_PASSWORD, USE_SYS_PASSWORD, REAL_NAME, LEGACY_INBOX, "CanModifyPassword", "RequireAPOP",
            "PWDAllowed", "MaxAccountSize", "MaxMessageSize", "Rules", "ExternalINBOX");

    private AccountSettings() {
    }

    /** Whether a YES/NO setting is on. */
    public static boolean yes(Map<String, Object> settings, String key) {
        Object v = settings.get(key);
        return v instanceof String s && (s.equalsIgnoreCase("YES") || s.equalsIgnoreCase("true"))
                || Boolean.TRUE.equals(v);
    }
}
