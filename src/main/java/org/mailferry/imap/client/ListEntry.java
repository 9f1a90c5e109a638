package org.mailferry.imap.client;

import java.util.List;
import java.util.Locale;

/** One LIST/LSUB answer (RFC 3501 §7.2.2): the raw (modified UTF-7) name, its separator (null = flat) and attributes. */
public record ListEntry(String name, Character separator, List<String> attributes) {
    public boolean has(String attribute) {
        for (String a : attributes) if (a.equalsIgnoreCase(attribute)) return true;
        return false;
    }

    public boolean selectable() { return !has("\\Noselect") && !has("\\NonExistent"); }

    public boolean isInbox() { return name.toUpperCase(Locale.ROOT).equals("INBOX"); }
}
