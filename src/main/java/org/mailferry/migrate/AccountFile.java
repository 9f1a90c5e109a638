package org.mailferry.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The MoveAccounts account list (seed: "Copying All Mailboxes from Other Servers"): a tab-delimited text
 * file whose first line names the fields; {@code Name} and {@code Password} are required, {@code NewName}
 * and {@code NewPassword} are used when present, all other fields are ignored. Empty lines are skipped;
 * a line with fewer fields than needed is an error naming the file and line. Read as UTF-8.
 */
public final class AccountFile {
    /** One account line; newName/newPassword are null when the file has no such column or leaves it empty. */
    public record Account(int line, String name, String password, String newName, String newPassword) {
        public String targetName() { return newName == null ? name : newName; }

        public String targetPassword() { return newPassword == null ? password : newPassword; }
    }

    private AccountFile() { }

    public static List<Account> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) throw new IllegalArgumentException(file + ": empty; the first line must name the fields (Name, Password, ...)");
        String[] head = strip(lines.get(0)).split("\t", -1);
        int name = -1, password = -1, newName = -1, newPassword = -1;
        for (int i = 0; i < head.length; i++) {
            switch (head[i].trim()) {
                case "Name" -> name = i;
                case "Password" -> password = i;
                case "NewName" -> newName = i;
                case "NewPassword" -> newPassword = i;
                default -> { }
            }
        }
        if (name < 0 || password < 0) {
            throw new IllegalArgumentException(file + " line 1: the field names must include Name and Password (tab-separated); found "
                    + String.join(", ", head));
        }
        List<Account> out = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String l = strip(lines.get(n));
            if (l.isBlank()) continue;
            String[] f = l.split("\t", -1);
            int need = Math.max(name, password) + 1;
            if (f.length < need) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": " + f.length + " fields, but Name and Password need "
                        + need + " (fields are separated by tabs)");
            }
            if (f[name].isEmpty()) throw new IllegalArgumentException(file + " line " + (n + 1) + ": empty Name");
            out.add(new Account(n + 1, f[name], f[password], field(f, newName), field(f, newPassword)));
        }
        return out;
    }

    private static String field(String[] f, int i) {
        return i < 0 || i >= f.length || f[i].isEmpty() ? null : f[i];
    }

    private static String strip(String l) {
        String s = l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
