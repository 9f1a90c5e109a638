package org.mailferry.migrate.importers;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailferry.data.DataFormat;
import org.mailferry.directory.AccountSettings;

/**
 * {@code --to-tab}: writes what a converter read (LDIF, passwd) as an account list, the seed's "Netscape Migration
 * Script" step, so that it can be checked, edited and fed to {@code import accounts} (or MoveAccounts). Fields:
 * {@code Name} ({@code name@domain} when a domain is known), {@code Password} or {@code UnixPassword} (the hash
 * without its {@code \002} byte), {@code Aliases}, then every setting that any account has, in first-seen order
 * ({@code Rules} in the data format). Entries that an account list cannot carry — bad input, forwarders, groups —
 * are listed on {@code out} and left out.
 */
public final class TabWriter {
    private TabWriter() {
    }

    /** Writes the file (atomically); returns {@link Importer#OK}, or {@link Importer#FAILED} when entries were left out. */
    public static int write(Importer.Input input, Path out, PrintWriter report) throws IOException {
        List<Wanted.Account> accounts = new ArrayList<>();
        int left = 0;
        for (Wanted w : input.wanted()) {
            String why = switch (w) {
                case Wanted.Account a -> writable(a);
                case Wanted.Invalid i -> "failed: " + i.reason();
                case Wanted.Unmapped u -> "unmapped: " + u.reason();
                case Wanted.Forwarder f -> "left out: a forwarder to " + f.address() + " (import without --to-tab)";
                case Wanted.Group g -> "left out: a group (import without --to-tab)";
                case Wanted.Alias a -> "left out: an alias of " + a.account() + " (import without --to-tab)";
                case Wanted.Rule r -> "left out: a rule (import without --to-tab)";
            };
            if (why == null) {
                accounts.add((Wanted.Account) w);
            } else {
                left++;
                report.println(w.source() + "  " + object(w) + "  " + why);
            }
        }
        Set<String> settingKeys = new LinkedHashSet<>();
        accounts.forEach(a -> settingKeys.addAll(a.settings().keySet()));
        boolean clear = accounts.stream().anyMatch(a -> a.settings().get(AccountSettings.PASSWORD) instanceof String p
                && !isHash(p));
        boolean hashed = accounts.stream().anyMatch(a -> a.settings().get(AccountSettings.PASSWORD) instanceof String p
                && isHash(p));
        boolean aliases = accounts.stream().anyMatch(a -> !a.aliases().isEmpty());
        settingKeys.remove(AccountSettings.PASSWORD);
        List<String> fields = new ArrayList<>(List.of(AccountRows.NAME));
        if (clear) {
            fields.add(AccountSettings.PASSWORD);
        }
        if (hashed) {
            fields.add(AccountRows.UNIX_PASSWORD);
        }
        if (aliases) {
            fields.add(AccountRows.ALIASES);
        }
        fields.addAll(settingKeys);
        List<List<String>> rows = new ArrayList<>();
        for (Wanted.Account a : accounts) {
            List<String> row = new ArrayList<>();
            row.add(a.domain() == null ? a.name() : a.name() + "@" + a.domain());
            String pw = a.settings().get(AccountSettings.PASSWORD) instanceof String p ? p : "";
            if (clear) {
                row.add(isHash(pw) ? "" : pw);
            }
            if (hashed) {
                row.add(isHash(pw) ? pw.substring(1) : "");
            }
            if (aliases) {
                row.add(String.join(",", a.aliases()));
            }
            for (String k : settingKeys) {
                row.add(text(a.settings().get(k)));
            }
            rows.add(row);
        }
        AccountList.write(out, fields, rows);
        report.println("wrote " + accounts.size() + (accounts.size() == 1 ? " account" : " accounts") + " to " + out
                + (left > 0 ? "; " + left + " entries left out (above)" : ""));
        for (String w : input.warnings()) {
            report.println("warning: " + w);
        }
        report.flush();
        return left > 0 ? Importer.FAILED : Importer.OK;
    }

    private static String writable(Wanted.Account a) {
        for (Map.Entry<String, Object> s : a.settings().entrySet()) {
            if (!AccountList.writable(text(s.getValue()))) {
                return "failed: the setting " + s.getKey() + " contains a tab or a line break, which an account "
                        + "list cannot carry (import without --to-tab)";
            }
        }
        return null;
    }

    private static String text(Object v) {
        return v == null ? "" : v instanceof String s ? s : DataFormat.print(v);
    }

    private static boolean isHash(String stored) {
        return !stored.isEmpty() && stored.charAt(0) == '\u0002';
    }

    private static String object(Wanted w) {
        return switch (w) {
            case Wanted.Account a -> a.name();
            case Wanted.Forwarder f -> f.name();
            case Wanted.Group g -> g.name();
            case Wanted.Alias a -> a.alias();
            case Wanted.Rule r -> r.account();
            case Wanted.Invalid i -> i.object();
            case Wanted.Unmapped u -> u.object();
        };
    }
}
