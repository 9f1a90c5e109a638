package org.mailferry.migrate.importers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sendmail/Postfix aliases file (aliases(5)), parsed into entries {@code name: target, target, …}; pure.
 *
 * <p>Lines whose first non-blank character is {@code #}, and blank lines, are ignored; a line that starts with a
 * blank continues the entry above (comments may sit between continuation lines, as Postfix allows). The name ends at
 * the first {@code :} outside double quotes; it may be quoted ({@code "john doe": …}) and is folded to lower case.
 * Targets are separated by commas outside double quotes, angle brackets and parentheses; a quoted target is unquoted
 * ({@code "|/usr/bin/vacation joe"}); {@code (comments)} are dropped and {@code Name <addr>} gives {@code addr}. Each
 * target is a {@link Target}: a local name ({@code \name} = deliver to the mailbox, no further aliasing), an
 * address, {@code |program}, {@code /file}, or {@code :include:/file}. An entry without a colon or without targets
 * is a {@link Bad} line naming the line where the entry starts.
 */
public final class AliasesFile {
    /** What one target of an entry is. */
    public sealed interface Target permits Local, Address, Program, File, Include {
    }

    /** A name of the local domain; {@code noAlias}: written {@code \name}. */
    public record Local(String name, boolean noAlias) implements Target {
    }

    /** An address with a domain, as written. */
    public record Address(String address) implements Target {
    }

    /** {@code |command}: the command without the bar. */
    public record Program(String command) implements Target {
    }

    /** {@code /path}: append the message to a file. */
    public record File(String path) implements Target {
    }

    /** {@code :include:/path}: the targets listed in that file. */
    public record Include(String path) implements Target {
    }

    /** One entry. */
    public record Alias(Source source, String name, List<Target> targets, String value) {
    }

    /** An entry that cannot be read. */
    public record Bad(Source source, String name, String reason) {
    }

    /** The whole file, in order. */
    public record Parsed(List<Alias> aliases, List<Bad> bad) {
    }

    private AliasesFile() {
    }

    public static Parsed read(Path file) throws IOException, InputException {
        return parse(file.toString(), TextFile.read(file));
    }

    static Parsed parse(String file, List<TextFile.Line> lines) {
        List<Alias> aliases = new ArrayList<>();
        List<Bad> bad = new ArrayList<>();
        StringBuilder logical = null;
        int start = 0;
        for (TextFile.Line l : lines) {
            if (l.error() != null) {
                bad.add(new Bad(new Source(file, l.number()), "line", l.error()));
                continue;
            }
            String t = l.text();
            if (t.isBlank() || t.stripLeading().startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(t.charAt(0))) {
                if (logical == null) {
                    bad.add(new Bad(new Source(file, l.number()), "line", "a continuation line (it starts with a "
                            + "blank) without an entry above it"));
                } else {
                    logical.append(' ').append(t.strip());
                }
                continue;
            }
            if (logical != null) {
                entry(file, start, logical.toString(), aliases, bad);
            }
            logical = new StringBuilder(t.strip());
            start = l.number();
        }
        if (logical != null) {
            entry(file, start, logical.toString(), aliases, bad);
        }
        return new Parsed(aliases, bad);
    }

    private static void entry(String file, int line, String text, List<Alias> aliases, List<Bad> bad) {
        Source src = new Source(file, line);
        int colon = -1;
        boolean quoted = false;
        for (int i = 0; i < text.length() && colon < 0; i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                colon = i;
            }
        }
        if (colon < 0) {
            bad.add(new Bad(src, text.length() > 40 ? text.substring(0, 40) + "…" : text, "no ':' after the name "
                    + "(an entry is name: target, target, …)"));
            return;
        }
        String name = unquote(text.substring(0, colon).strip()).toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).strip();
        if (name.isEmpty()) {
            bad.add(new Bad(src, "(no name)", "the name before ':' is empty"));
            return;
        }
        List<Target> targets = new ArrayList<>();
        for (String v : split(value)) {
            targets.add(target(v));
        }
        if (targets.isEmpty()) {
            bad.add(new Bad(src, name, "no targets after ':'"));
            return;
        }
        aliases.add(new Alias(src, name, targets, value));
    }

    /** The targets of a value: split at commas outside quotes, angle brackets and parentheses; trimmed. */
    public static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        int paren = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && (quoted || paren > 0)) {
                cur.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == '"' && paren == 0) {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == '(') {
                    paren++;
                } else if (c == ')' && paren > 0) {
                    paren--;
                } else if (c == '<' && paren == 0) {
                    angle++;
                } else if (c == '>' && paren == 0 && angle > 0) {
                    angle--;
                } else if (c == ',' && angle == 0 && paren == 0) {
                    add(out, cur);
                    continue;
                }
            }
            cur.append(c);
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }

    /** One target as written → what it is. */
    public static Target target(String written) {
        String t = dropComments(written).strip();
        int lt = t.lastIndexOf('<');
        if (lt >= 0 && t.endsWith(">") && !t.startsWith("\"|")) {
            t = t.substring(lt + 1, t.length() - 1).strip();
        }
        t = unquote(t);
        if (t.startsWith("|")) {
            return new Program(t.substring(1).strip());
        }
        if (t.startsWith("/")) {
            return new File(t);
        }
        if (t.regionMatches(true, 0, ":include:", 0, 9)) {
            return new Include(t.substring(9).strip());
        }
        boolean noAlias = t.startsWith("\\");
        String a = noAlias ? t.substring(1) : t;
        return a.indexOf('@') >= 0 ? new Address(a) : new Local(a.toLowerCase(Locale.ROOT), noAlias);
    }

    private static String dropComments(String s) {
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        int paren = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                if (paren == 0) {
                    sb.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (c == '"' && paren == 0) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                paren++;
                continue;
            } else if (!quoted && c == ')' && paren > 0) {
                paren--;
                continue;
            }
            if (paren == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Removes surrounding double quotes and their backslash escapes; other text is returned as it is. */
    static String unquote(String s) {
        if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() - 1) {
                c = s.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
