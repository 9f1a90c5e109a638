package org.mailferry.migrate.importers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailferry.directory.AccountSettings;
import org.mailferry.directory.DirectoryException;
import org.mailferry.directory.Names;

/**
 * {@code import passwd}: the users of a Unix {@code /etc/passwd} (passwd(5): {@code name:password:UID:GID:GECOS:
 * home:shell}) with their hashes from {@code /etc/shadow} (shadow(5): {@code name:hash:...}), as accounts.
 *
 * <p>Only regular users: a UID within {@code [minUid, maxUid]} and a login shell (shells ending in {@code nologin}
 * or {@code false} are left out unless {@code allShells}); who is left out is said once in the warnings. The GECOS
 * field's first comma-separated part becomes {@code RealName} ({@code &} stands for the capitalised user name, as
 * finger(1) reads it). The shadow hash (or the passwd field itself when it holds one) becomes the {@code \002}
 * password; with {@code useOsPassword} no hash is copied and the account gets {@code UseSysPassword=YES}, so the
 * server asks the OS at each login (seed: "Use OS Password"). Locked ({@code !…}, {@code *}) and empty passwords are
 * reported and the account is created without a usable password. NIS {@code +}/{@code -} lines are reported and
 * skipped.
 */
public final class PasswdFiles {
    /** The options of the passwd importer. */
    public record Options(int minUid, int maxUid, boolean allShells, boolean useOsPassword) {
    }

    private record Shadow(Source source, String hash) {
    }

    private PasswdFiles() {
    }

    /** Reads the files; {@code shadow} may be null (then only hashes kept in passwd itself count). */
    public static Importer.Input read(Path passwd, Path shadow, Options opt) throws IOException, InputException {
        Map<String, Shadow> hashes = new HashMap<>();
        List<Wanted> wanted = new ArrayList<>();
        if (shadow != null) {
            for (TextFile.Line l : TextFile.read(shadow)) {
                Source src = new Source(shadow.toString(), l.number());
                if (l.error() != null) {
                    wanted.add(new Wanted.Invalid(src, "line", l.error()));
                } else if (!l.text().isBlank() && !l.text().startsWith("#")) {
                    String[] f = l.text().split(":", -1);
                    if (f.length != 9) {
                        wanted.add(new Wanted.Invalid(src, f[0], f.length + " fields, but a shadow line has 9 "
                                + "(name:password:lastchange:min:max:warn:inactive:expire:reserved)"));
                    } else {
                        hashes.putIfAbsent(f[0], new Shadow(src, f[1]));
                    }
                }
            }
        }
        List<String> outOfRange = new ArrayList<>();
        List<String> noShell = new ArrayList<>();
        for (TextFile.Line l : TextFile.read(passwd)) {
            Source src = new Source(passwd.toString(), l.number());
            if (l.error() != null) {
                wanted.add(new Wanted.Invalid(src, "line", l.error()));
                continue;
            }
            String t = l.text();
            if (t.isBlank() || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("+") || t.startsWith("-")) {
                wanted.add(new Wanted.Unmapped(src, t.split(":", -1)[0], "a NIS compat entry; import the NIS "
                        + "map's own passwd file"));
                continue;
            }
            String[] f = t.split(":", -1);
            if (f.length != 7) {
                wanted.add(new Wanted.Invalid(src, f[0], f.length + " fields, but a passwd line has 7 "
                        + "(name:password:UID:GID:GECOS:home:shell)"));
                continue;
            }
            long uid;
            try {
                uid = Long.parseLong(f[2]);
            } catch (NumberFormatException e) {
                wanted.add(new Wanted.Invalid(src, f[0], "the UID '" + f[2] + "' is not a number"));
                continue;
            }
            if (uid < opt.minUid() || uid > opt.maxUid()) {
                outOfRange.add(f[0]);
                continue;
            }
            if (!opt.allShells() && !loginShell(f[6])) {
                noShell.add(f[0] + " (" + f[6] + ")");
                continue;
            }
            wanted.add(user(src, f, hashes.get(f[0]), opt));
        }
        List<String> warnings = new ArrayList<>();
        if (!outOfRange.isEmpty()) {
            warnings.add("left out " + users(outOfRange.size()) + " whose UID is outside " + opt.minUid() + "-"
                    + opt.maxUid() + " (--min-uid, --max-uid): " + sample(outOfRange));
        }
        if (!noShell.isEmpty()) {
            warnings.add("left out " + users(noShell.size()) + " without a login shell (--all-shells takes them): "
                    + sample(noShell));
        }
        return new Importer.Input(wanted, warnings);
    }

    private static Wanted user(Source src, String[] f, Shadow shadow, Options opt) {
        String osName = f[0];
        String name;
        try {
            name = Names.objectName(osName);
        } catch (DirectoryException e) {
            return new Wanted.Invalid(src, osName, e.getMessage());
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        String realName = realName(f[4], osName);
        if (!realName.isEmpty()) {
            settings.put(AccountSettings.REAL_NAME, realName);
        }
        boolean inShadow = f[1].equals("x"); // else passwd's own field holds the hash (or *, !, empty)
        String hash = inShadow ? (shadow == null ? null : shadow.hash()) : f[1];
        Source hashSource = inShadow && shadow != null ? shadow.source() : src;
        if (opt.useOsPassword()) {
            if (!osName.equals(name)) {
                return new Wanted.Invalid(src, osName, "the account would be named " + name + ", and the OS "
                        + "password check looks up the OS user of the account's name: rename the OS user first");
            }
            settings.put(AccountSettings.USE_SYS_PASSWORD, "YES");
            if (hash == null || hash.isEmpty() || hash.startsWith("!") || hash.startsWith("*")) {
                notes.add("the OS password is " + lockWord(hash) + ": the OS refuses every login until it is set");
            }
        } else if (hash == null) {
            notes.add("no shadow entry: imported without a password");
        } else if (hash.isEmpty()) {
            notes.add("empty password in " + hashSource.file() + ": imported without a password");
        } else if (hash.startsWith("!") || hash.startsWith("*")) {
            notes.add("locked password (" + hashSource + "): imported without a usable password");
        } else {
            try {
                settings.put(AccountSettings.PASSWORD, AccountRows.importHash(hash));
            } catch (IllegalArgumentException e) {
                return new Wanted.Invalid(hashSource, osName, e.getMessage());
            }
        }
        return new Wanted.Account(src, name, null, settings, List.of(), notes);
    }

    private static String lockWord(String hash) {
        return hash == null ? "missing" : hash.isEmpty() ? "empty" : "locked";
    }

    /** Whether users with this shell can log in (anything but nologin and false). */
    static boolean loginShell(String shell) {
        String base = shell.substring(shell.lastIndexOf('/') + 1);
        return !base.equals("nologin") && !base.equals("false");
    }

    /** GECOS → full name: the first comma-separated part, {@code &} as the capitalised login name. */
    static String realName(String gecos, String login) {
        String full = gecos.split(",", -1)[0].strip();
        if (full.indexOf('&') >= 0 && !login.isEmpty()) {
            full = full.replace("&", login.substring(0, 1).toUpperCase(Locale.ROOT) + login.substring(1));
        }
        return full;
    }

    private static String users(int n) {
        return n + (n == 1 ? " user" : " users");
    }

    private static String sample(List<String> names) {
        int n = Math.min(names.size(), 8);
        return String.join(", ", names.subList(0, n)) + (names.size() > n ? ", …" : "");
    }
}
