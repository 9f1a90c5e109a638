package org.mailferry.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailferry.imap.client.ModifiedUtf7;

/**
 * Maps a source mailbox name to the target's (seed: MoveIMAPMail --source, --target and the
 * .mbox/.mdir rule). Pure: no I/O. Steps, on the raw (modified UTF-7) source name:
 * <ol>
 * <li>INBOX (any case) stays INBOX.</li>
 * <li>Strip the {@code --source} prefix when the name starts with it; without {@code --source}, strip the
 *     source's personal namespace prefix (e.g. {@code INBOX.}).</li>
 * <li>Decode modified UTF-7 and split at the source separator into levels.</li>
 * <li>Each level ending in {@code .mbox} or {@code .mdir} ends in {@code -mbox}/{@code -mdir} instead; a
 *     level containing the target's separator has it replaced ('.' → '_', '/' → '_', others → '_').</li>
 * <li>Join with the target separator, encode, and put the {@code --target} prefix (without it, the
 *     target's personal namespace prefix) in front — except that a name under INBOX is not given a second
 *     {@code INBOX.} when the target's prefix is {@code INBOX.}.</li>
 * </ol>
 */
public final class FolderMapper {
    private final Character sourceSep, targetSep;
    private final String sourcePrefix, targetPrefix;
    private final boolean explicitTarget;

    /**
     * @param sourcePrefix the --source option, or the source's personal namespace prefix when absent
     * @param targetPrefix the --target option, or the target's personal namespace prefix when absent
     */
    public FolderMapper(Character sourceSep, String sourcePrefix, Character targetSep, String targetPrefix, boolean explicitTarget) {
        this.sourceSep = sourceSep;
        this.sourcePrefix = sourcePrefix == null ? "" : sourcePrefix;
        this.targetSep = targetSep;
        this.targetPrefix = targetPrefix == null ? "" : targetPrefix;
        this.explicitTarget = explicitTarget;
    }

    /** The target's raw (encoded) name for a raw source name. */
    public String map(String sourceRaw) {
        if (sourceRaw.equalsIgnoreCase("INBOX")) return explicitTarget ? targetPrefix + "INBOX" : "INBOX";
        String name = sourceRaw;
        if (!sourcePrefix.isEmpty() && name.startsWith(sourcePrefix) && name.length() > sourcePrefix.length()) {
            name = name.substring(sourcePrefix.length());
        }
        List<String> levels = split(ModifiedUtf7.decodeLenient(name));
        List<String> mapped = new ArrayList<>(levels.size());
        for (String level : levels) mapped.add(level(level));
        String joined = String.join(targetSep == null ? "" : String.valueOf(targetSep), mapped);
        String encoded = ModifiedUtf7.encode(joined);
        if (!explicitTarget && mapped.get(0).equalsIgnoreCase("INBOX")) {
            String prefixUpper = targetPrefix.toUpperCase(Locale.ROOT);
            if (prefixUpper.equals("INBOX" + targetSep)) {
                return mapped.size() == 1 ? "INBOX" : "INBOX" + encoded.substring(5);
            }
        }
        return targetPrefix + encoded;
    }

    /** The decoded levels of a raw source name (for reports). */
    public List<String> sourceLevels(String sourceRaw) { return split(ModifiedUtf7.decodeLenient(sourceRaw)); }

    private List<String> split(String decoded) {
        List<String> out = new ArrayList<>();
        if (sourceSep == null) {
            out.add(decoded);
            return out;
        }
        int start = 0;
        for (int i = 0; i < decoded.length(); i++) {
            if (decoded.charAt(i) == sourceSep) {
                out.add(decoded.substring(start, i));
                start = i + 1;
            }
        }
        out.add(decoded.substring(start));
        return out;
    }

    String level(String level) {
        String l = level;
        String lower = l.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".mbox") || lower.endsWith(".mdir")) {
            l = l.substring(0, l.length() - 5) + "-" + l.substring(l.length() - 4);
        }
        if (targetSep != null && l.indexOf(targetSep) >= 0) l = l.replace(targetSep.charValue(), '_');
        return l;
    }
}
