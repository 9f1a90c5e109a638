package org.mailferry.migrate.importers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.mailferry.auth.Passwords;
import org.mailferry.auth.scheme.InvalidPasswordException;
import org.mailferry.data.DataFormat;
import org.mailferry.data.DataFormatException;
import org.mailferry.directory.AccountSettings;
import org.mailferry.directory.DirectoryException;
import org.mailferry.directory.Names;

/**
 * What an account list means to {@code import accounts} (seed: "Converting Passwords", "Moving to Secondary
 * Domains"). Fields, any case:
 * <ul>
 * <li>{@code Name} (required): the account; {@code NewName}, when set, is the name on this server instead, and
 *     {@code name@domain} puts the account into that (secondary) domain;</li>
 * <li>{@code Password}: a clear password (stored with the account's PasswordEncryption); {@code NewPassword}, when
 *     set, is used instead (MoveAccounts' target password);</li>
 * <li>{@code UnixPassword}: an encrypted password of any form docs/passwords.md lists, stored with the {@code \002}
 *     prefix; checked here, so a bad one is reported with its file and line; used when no clear password is set;</li>
 * <li>{@code Aliases}: account aliases, separated by commas or spaces;</li>
 * <li>every account setting Mailferry knows ({@link AccountSettings#KNOWN}: {@code RealName}, {@code
 *     UseSysPassword}, {@code MaxAccountSize}…), set as given; {@code Rules} in the data format;</li>
 * <li>any other field is reported once and ignored (MoveAccounts' files may carry more).</li>
 * </ul>
 * Empty values set nothing.
 */
public final class AccountRows {
    public static final String NAME = "Name";
    public static final String NEW_NAME = "NewName";
    public static final String NEW_PASSWORD = "NewPassword";
    public static final String UNIX_PASSWORD = "UnixPassword";
    public static final String ALIASES = "Aliases";

    private AccountRows() {
    }

    /** Every field name this importer understands, canonical spelling. */
    public static List<String> knownFields() {
        List<String> k = new ArrayList<>(List.of(NAME, NEW_NAME, NEW_PASSWORD, UNIX_PASSWORD, ALIASES));
        k.addAll(new TreeMap<>(settingNames()).values());
        return k;
    }

    private static Map<String, String> settingNames() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : AccountSettings.KNOWN) {
            m.put(s.toLowerCase(Locale.ROOT), s);
        }
        return m;
    }

    /** The wanted accounts of a list, one per row (bad rows become {@link Wanted.Invalid}). */
    public static Importer.Input read(AccountList list) throws InputException {
        list.require(NAME);
        List<String> warnings = new ArrayList<>();
        List<String> unknown = list.fieldsOtherThan(knownFields());
        if (!unknown.isEmpty()) {
            warnings.add((unknown.size() == 1 ? "the field " : "the fields ") + String.join(", ", unknown)
                    + (unknown.size() == 1 ? " is not an account setting" : " are not account settings")
                    + " Mailferry knows: ignored");
        }
        Map<String, String> settingNames = settingNames();
        List<Wanted> wanted = new ArrayList<>();
        for (AccountList.Line line : list.lines()) {
            wanted.add(switch (line) {
                case AccountList.Bad b -> new Wanted.Invalid(b.source(), "line", b.reason());
                case AccountList.Row r -> row(list, r, settingNames);
            });
        }
        return new Importer.Input(wanted, warnings);
    }

    private static Wanted row(AccountList list, AccountList.Row r, Map<String, String> settingNames) {
        String given = list.value(r, NEW_NAME) != null ? list.value(r, NEW_NAME) : list.value(r, NAME);
        String shown = given == null ? "(no name)" : given;
        if (given == null) {
            return new Wanted.Invalid(r.source(), shown, "the Name field is empty");
        }
        try {
            String name = given;
            String domain = null;
            int at = given.lastIndexOf('@');
            if (at >= 0) {
                name = given.substring(0, at);
                domain = Names.domainName(given.substring(at + 1));
            }
            name = Names.objectName(name);
            Map<String, Object> settings = new LinkedHashMap<>();
            List<String> notes = new ArrayList<>();
            for (String field : list.fields()) {
                String key = settingNames.get(field.toLowerCase(Locale.ROOT));
                String v = list.value(r, field);
                if (key == null || v == null || key.equals(AccountSettings.PASSWORD)) {
                    continue;
                }
                settings.put(key, key.equals("Rules") ? rules(v) : v);
            }
            String clear = list.value(r, NEW_PASSWORD) != null ? list.value(r, NEW_PASSWORD)
                    : list.value(r, AccountSettings.PASSWORD);
            String hash = list.value(r, UNIX_PASSWORD);
            if (clear != null) {
                settings.put(AccountSettings.PASSWORD, clearPassword(clear));
                if (hash != null) {
                    notes.add("UnixPassword not used: a clear password is given");
                }
            } else if (hash != null) {
                settings.put(AccountSettings.PASSWORD, importHash(hash));
            }
            List<String> aliases = new ArrayList<>();
            String al = list.value(r, ALIASES);
            if (al != null) {
                for (String a : al.split("[,\\s]+")) {
                    if (!a.isEmpty() && !aliases.contains(Names.objectName(a))) {
                        aliases.add(Names.objectName(a));
                    }
                }
            }
            return new Wanted.Account(r.source(), name, domain, settings, aliases, notes);
        } catch (DirectoryException | IllegalArgumentException e) {
            return new Wanted.Invalid(r.source(), shown, e.getMessage());
        }
    }

    /** A clear password checked for what a clear password may not be. */
    static String clearPassword(String clear) {
        char c = clear.charAt(0);
        if (c == '\u0001' || c == '\u0002') {
            throw new IllegalArgumentException("Password: a clear password may not begin with byte 1 or 2 (put "
                    + "encrypted passwords into the UnixPassword field)");
        }
        if (clear.length() > Passwords.MAX_PASSWORD_BYTES / 3
                && clear.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > Passwords.MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("Password: longer than " + Passwords.MAX_PASSWORD_BYTES + " bytes");
        }
        return clear;
    }

    /** An encrypted password as stored ({@code \002} + hash), or an exception saying what is wrong (not the hash). */
    static String importHash(String hash) {
        try {
            return Passwords.importHash(hash);
        } catch (InvalidPasswordException e) {
            throw new IllegalArgumentException("UnixPassword: " + e.getMessage());
        }
    }

    private static List<Object> rules(String v) {
        try {
            if (DataFormat.parse(v) instanceof List<?> l) {
                return new ArrayList<>(l);
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("Rules: not in the data format: " + e.getMessage());
        }
        throw new IllegalArgumentException("Rules: expected an array of rules, (…)");
    }
}
