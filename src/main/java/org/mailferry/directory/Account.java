package org.mailferry.directory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An account: its settings (explicit keys in {@code account.settings}), its type and rights (in
 * {@code account.info}) and its folder. Settings are read from disk on first use and cached; every change is
 * written durably before the call returns, under the account's lock, so concurrent updates are never lost.
 */
public final class Account implements DomainObject {
    static final String INFO_FILE = "account.info";

    private final Domain domain;
    private final String name;
    private Map<String, Object> settings; // explicit settings; null until loaded
    private Map<String, Object> info;     // Type, Rights; null until loaded

    Account(Domain domain, String name) {
        this.domain = domain;
        this.name = name;
    }

    Account(Domain domain, String name, Map<String, Object> settings, Map<String, Object> info) {
        this(domain, name);
        this.settings = settings;
        this.info = info;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "account";
    }

    public Domain domain() {
        return domain;
    }

    /** {@code name@domain}. */
    public String address() {
        return name + "@" + domain.name();
    }

    /** The account's folder (settings and mailboxes). */
    public Path dir() {
        return domain.accountDir(name);
    }

    public synchronized AccountType type() {
        load();
        Object t = info.get("Type");
        AccountType type = t instanceof String s ? AccountType.fromKeyword(s) : null;
        return type == null ? AccountType.MultiMailbox : type;
    }

    /** The account's access rights (e.g. "Master" for a server administrator). */
    public synchronized List<String> rights() {
        load();
        List<String> r = new ArrayList<>();
        if (info.get("Rights") instanceof List<?> l) {
            for (Object o : l) {
                r.add(String.valueOf(o));
            }
        }
        return r;
    }

    public synchronized void setRights(List<String> rights) {
        load();
        Map<String, Object> next = new LinkedHashMap<>(info);
        if (rights.isEmpty()) {
            next.remove("Rights");
        } else {
            next.put("Rights", List.copyOf(rights));
        }
        domain.directory().write(dir().resolve(INFO_FILE), next);
        info = next;
    }

    /** A copy of the explicitly set settings. */
    public synchronized Map<String, Object> settings() {
        load();
        return new LinkedHashMap<>(settings);
    }

    /** Built-in defaults, overlaid with the domain's account defaults, overlaid with the explicit settings. */
    public Map<String, Object> effectiveSettings() {
        Map<String, Object> eff = new LinkedHashMap<>(AccountSettings.DEFAULTS);
        eff.putAll(domain.accountDefaults());
        eff.putAll(settings());
        return eff;
    }

    /** One effective setting, or null. */
    public Object effective(String key) {
        return effectiveSettings().get(key);
    }

    /** Sets the given keys (the value "default" removes a key); a Password value is stored encoded. */
    public synchronized void updateSettings(Map<String, Object> update) {
        load();
        Map<String, Object> next = SettingsFile.merge(settings, update);
        encodePassword(next, update);
        write(next);
    }

    /** Replaces all explicit settings. */
    public synchronized void replaceSettings(Map<String, Object> all) {
        load();
        Map<String, Object> next = SettingsFile.merge(Map.of(), all);
        encodePassword(next, all);
        write(next);
    }

    /** Sets the password, stored with the account's effective PasswordEncryption (or validated if imported). */
    public synchronized void setPassword(String password) {
        updateSettings(Map.of(AccountSettings.PASSWORD, password));
    }

    /**
     * Checks a password against the stored one (when UseAppPassword is on) and against the OS account (when
     * UseSysPassword is on). A legacy stored form may be re-hashed on success when the server says so.
     */
    public boolean verifyPassword(String candidate) {
        Map<String, Object> eff = effectiveSettings();
        Directory dir = domain.directory();
        if (AccountSettings.yes(eff, AccountSettings.USE_APP_PASSWORD)
                && eff.get(AccountSettings.PASSWORD) instanceof String stored && !stored.isEmpty()) {
            if (dir.verifyPassword(stored, candidate)) {
                maybeRehash(stored, candidate, eff);
                return true;
            }
        }
        if (AccountSettings.yes(eff, AccountSettings.USE_SYS_PASSWORD)) {
            return dir.systemPasswords().verify(name, candidate);
        }
        return false;
    }

    private void maybeRehash(String stored, String candidate, Map<String, Object> eff) {
        Directory dir = domain.directory();
        String enc = String.valueOf(eff.get(AccountSettings.PASSWORD_ENCRYPTION));
        if (dir.rehashOnLogin() && dir.passwords().needsRehash(stored, enc)) {
            synchronized (this) {
                if (stored.equals(settings.get(AccountSettings.PASSWORD))) {
                    Map<String, Object> next = new LinkedHashMap<>(settings);
                    next.put(AccountSettings.PASSWORD, dir.passwords().store(candidate, enc));
                    write(next);
                }
            }
        }
    }

    private void encodePassword(Map<String, Object> next, Map<String, Object> given) {
        Object pw = given.get(AccountSettings.PASSWORD);
        if (pw == null || "default".equals(pw)) {
            return;
        }
        if (!(pw instanceof String clear)) {
            throw new DirectoryException("the Password setting must be a string");
        }
        Map<String, Object> eff = new LinkedHashMap<>(AccountSettings.DEFAULTS);
        eff.putAll(domain.accountDefaults());
        eff.putAll(next);
        String enc = String.valueOf(eff.get(AccountSettings.PASSWORD_ENCRYPTION));
        next.put(AccountSettings.PASSWORD, clear.isEmpty() ? "" : domain.directory().passwords().store(clear, enc));
    }

    private void write(Map<String, Object> next) {
        domain.directory().write(dir().resolve(Layout.ACCOUNT_SETTINGS), next);
        settings = next;
    }

    private void load() {
        if (settings == null) {
            settings = SettingsFile.read(dir().resolve(Layout.ACCOUNT_SETTINGS));
            info = SettingsFile.read(dir().resolve(INFO_FILE));
        }
    }

    /** Settings prepared for a new account: the given ones with an encoded password. */
    static Map<String, Object> prepareNew(Domain domain, Map<String, Object> given) {
        Map<String, Object> next = SettingsFile.merge(Map.of(), given);
        Account probe = new Account(domain, "-", new LinkedHashMap<>(), new LinkedHashMap<>());
        probe.encodePassword(next, given);
        return next;
    }

    @Override
    public String toString() {
        return address();
    }
}
