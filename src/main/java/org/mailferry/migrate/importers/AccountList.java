package org.mailferry.migrate.importers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailferry.util.AtomicFile;

/**
 * The account list file of CommuniGate Pro's Account Import and of MoveAccounts (seed: "Sample Import file",
 * "Copying All Mailboxes from Other Servers"): UTF-8 text whose first line names the fields, separated by tabs;
 * then one account per line, its values separated by tabs, as many as there are field names.
 *
 * <p>Field names match case-insensitively ({@code NAME}, {@code realName}). Values are taken exactly as written
 * (no trimming: a password may end with a space). Empty and whitespace-only lines are skipped. A line with another
 * number of values, longer than 64 KB or not UTF-8 becomes a {@link Bad} line naming file and line; the other lines
 * are still read. What cannot be read at all (no first line, an empty or repeated field name, a missing required
 * field) is an {@link InputException}. This class knows nothing of what the fields mean: see {@link AccountRows} for
 * the import and the movers for their own use.
 */
public final class AccountList {
    /** At most this many fields. */
    public static final int MAX_FIELDS = 1024;

    /** A line of the file after the first. */
    public sealed interface Line permits Row, Bad {
        Source source();
    }

    /** An account line: one value per field, in the order of {@link #fields()}. */
    public record Row(Source source, List<String> values) implements Line {
    }

    /** A line that cannot be used, and why. */
    public record Bad(Source source, String reason) implements Line {
    }

    private final String file;
    private final List<String> fields;
    private final Map<String, Integer> index;
    private final List<Line> lines;

    private AccountList(String file, List<String> fields, Map<String, Integer> index, List<Line> lines) {
        this.file = file;
        this.fields = fields;
        this.index = index;
        this.lines = lines;
    }

    /** Reads and parses a file; the name used in messages is the path as given. */
    public static AccountList read(Path file) throws IOException, InputException {
        return parse(file.toString(), TextFile.read(file));
    }

    /** Parses content already in memory ({@code fileName} is for messages only). */
    public static AccountList parse(String fileName, byte[] content) throws InputException {
        return parse(fileName, TextFile.split(content));
    }

    private static AccountList parse(String file, List<TextFile.Line> text) throws InputException {
        int first = 0;
        while (first < text.size() && text.get(first).error() == null && text.get(first).text().isBlank()) {
            first++;
        }
        if (first == text.size()) {
            throw new InputException(new Source(file, 0), "the file is empty; its first line must name the fields, "
                    + "separated by tabs (e.g. Name<TAB>Password)");
        }
        TextFile.Line head = text.get(first);
        Source headSource = new Source(file, head.number());
        if (head.error() != null) {
            throw new InputException(headSource, head.error());
        }
        String[] names = head.text().split("\t", -1);
        if (names.length > MAX_FIELDS) {
            throw new InputException(headSource, "more than " + MAX_FIELDS + " fields");
        }
        List<String> fields = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            String n = names[i].strip();
            if (n.isEmpty()) {
                throw new InputException(headSource, "field " + (i + 1) + " of the first line has no name (the "
                        + "first line names the fields, separated by single tabs)");
            }
            if (index.putIfAbsent(n.toLowerCase(Locale.ROOT), i) != null) {
                throw new InputException(headSource, "the field " + n + " is named twice");
            }
            fields.add(n);
        }
        List<Line> lines = new ArrayList<>();
        for (int i = first + 1; i < text.size(); i++) {
            TextFile.Line l = text.get(i);
            Source src = new Source(file, l.number());
            if (l.error() != null) {
                lines.add(new Bad(src, l.error()));
                continue;
            }
            if (l.text().isBlank()) {
                continue;
            }
            String[] values = l.text().split("\t", -1);
            if (values.length != fields.size()) {
                lines.add(new Bad(src, values.length + (values.length == 1 ? " field" : " fields") + ", but the first line"
                        + " names " + fields.size() + " (" + String.join(", ", fields) + "); fields are separated by "
                        + "single tabs"));
                continue;
            }
            lines.add(new Row(src, List.of(values)));
        }
        return new AccountList(file, List.copyOf(fields), index, List.copyOf(lines));
    }

    /** The file name as given. */
    public String file() {
        return file;
    }

    /** The field names as spelled in the file. */
    public List<String> fields() {
        return fields;
    }

    /** Whether the file has this field (any case). */
    public boolean has(String field) {
        return index.containsKey(field.toLowerCase(Locale.ROOT));
    }

    /** Every line after the first, in file order: rows and bad lines. */
    public List<Line> lines() {
        return lines;
    }

    /** A row's value of a field (any case): null when the file has no such field, else the text (maybe empty). */
    public String get(Row row, String field) {
        Integer i = index.get(field.toLowerCase(Locale.ROOT));
        return i == null ? null : row.values().get(i);
    }

    /** Like {@link #get} but null for an empty value too. */
    public String value(Row row, String field) {
        String v = get(row, field);
        return v == null || v.isEmpty() ? null : v;
    }

    /** Throws naming the first line when one of the fields is missing. */
    public void require(String... required) throws InputException {
        for (String f : required) {
            if (!has(f)) {
                throw new InputException(new Source(file, 1), "no " + f + " field; the first line names "
                        + String.join(", ", fields) + " (field names are separated by tabs)");
            }
        }
    }

    /** The fields (as spelled) whose names, compared case-insensitively, are not in {@code known}. */
    public List<String> fieldsOtherThan(Collection<String> known) {
        List<String> lower = known.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        return fields.stream().filter(f -> !lower.contains(f.toLowerCase(Locale.ROOT))).toList();
    }

    /**
     * Writes an account list durably (temp file, fsync, rename). Throws IllegalArgumentException when a row has
     * another number of values or a value contains a tab or a line break (the format cannot carry them).
     */
    public static void write(Path out, List<String> fields, List<List<String>> rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        appendLine(sb, fields, fields.size());
        for (List<String> r : rows) {
            appendLine(sb, r, fields.size());
        }
        AtomicFile.write(out, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a value can be written into an account list (no tab, CR or LF). */
    public static boolean writable(String value) {
        return value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0;
    }

    private static void appendLine(StringBuilder sb, List<String> values, int n) {
        if (values.size() != n) {
            throw new IllegalArgumentException(values.size() + " values for " + n + " fields");
        }
        for (int i = 0; i < n; i++) {
            String v = values.get(i) == null ? "" : values.get(i);
            if (!writable(v)) {
                throw new IllegalArgumentException("a value contains a tab or a line break");
            }
            sb.append(i > 0 ? "\t" : "").append(v);
        }
        sb.append('\n');
    }
}
