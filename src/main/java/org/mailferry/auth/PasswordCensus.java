package org.mailferry.auth;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts stored passwords per scheme, for {@code mailferry passwords census}: how many accounts still use a legacy
 * hash and would gain from a re-hash. Reads only the stored strings it is given; never verifies anything.
 */
public final class PasswordCensus {
    private PasswordCensus() {
    }

    /** Scheme name ({@link Passwords#schemeName}) to count, sorted by name. */
    public static Map<String, Long> count(Iterable<String> storedPasswords) {
        Map<String, Long> counts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String stored : storedPasswords) {
            counts.merge(Passwords.schemeName(stored), 1L, Long::sum);
        }
        return counts;
    }

    /** One {@code SCHEME<TAB>COUNT} line per scheme and a {@code total} line, for the command's output. */
    public static String format(Map<String, Long> counts) {
        StringBuilder sb = new StringBuilder();
        long total = 0;
        for (var e : counts.entrySet()) {
            sb.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
            total += e.getValue();
        }
        return sb.append("total\t").append(total).append('\n').toString();
    }
}
