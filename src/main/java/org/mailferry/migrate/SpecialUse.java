package org.mailferry.migrate;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailferry.imap.client.ListEntry;
import org.mailferry.imap.client.ModifiedUtf7;

/**
 * MoveIMAPMail {@code --automap}: the role of a folder among the special-use ones of RFC 6154 (sent, drafts,
 * deleted, junk, archived mail), so that the old server's "Sent Items" is copied into the new server's "Sent"
 * rather than beside it, where mail clients would not look. The role comes from the folder's LIST attributes
 * ({@code \Sent} ...) when the server gives them; otherwise from the name of a top-level folder, among the names
 * Outlook, Exchange, Gmail, Thunderbird, Apple Mail and Dovecot's defaults use in common languages.
 */
final class SpecialUse {
    static final List<String> ROLES = List.of("\\Sent", "\\Drafts", "\\Trash", "\\Junk", "\\Archive");

    private static final Map<String, String> BY_NAME = new HashMap<>();

    static {
        names("\\Sent", "sent", "sent items", "sent messages", "sent mail", "sent-mail", "gesendet", "gesendete objekte",
                "gesendete elemente", "envoyés", "éléments envoyés", "messages envoyés", "enviados", "elementos enviados",
                "posta inviata", "inviata", "verzonden", "verzonden items", "skickat", "skickade objekt", "wysłane", "odeslaná pošta");
        names("\\Drafts", "drafts", "draft", "entwürfe", "brouillons", "borradores", "bozze", "concepten", "utkast", "kopie robocze");
        names("\\Trash", "trash", "deleted items", "deleted messages", "deleted", "bin", "papierkorb", "gelöschte objekte",
                "gelöschte elemente", "corbeille", "éléments supprimés", "papelera", "elementos eliminados", "cestino",
                "posta eliminata", "prullenbak", "verwijderde items", "papperskorgen", "borttagna objekt", "kosz");
        names("\\Junk", "junk", "spam", "junk e-mail", "junk email", "junk mail", "bulk mail", "spamverdacht", "junk-e-mail",
                "courrier indésirable", "indésirables", "correo no deseado", "posta indesiderata", "ongewenste e-mail", "skräppost");
        names("\\Archive", "archive", "archives", "archiv", "archivio", "archivo", "archief", "arkiv");
    }

    private static void names(String role, String... names) {
        for (String n : names) BY_NAME.put(n, role);
    }

    private SpecialUse() {
    }

    /**
     * The role of a LISTed folder, or null. {@code level}: its name below the namespace prefix, decoded; only a
     * top-level folder (no {@code separator} in it) is recognised by name.
     */
    static String role(ListEntry e, String level, Character separator) {
        for (String a : e.attributes()) {
            for (String r : ROLES) if (r.equalsIgnoreCase(a)) return r;
        }
        if (e.isInbox() || (separator != null && level.indexOf(separator) >= 0)) return null;
        return BY_NAME.get(level.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The target's folder for each role, as LISTed (raw names): the one with the role's attribute first, else the
     * first top-level folder whose name says it.
     */
    static Map<String, String> targets(List<ListEntry> entries, String prefix, Character separator) {
        Map<String, String> byAttribute = new LinkedHashMap<>(), byName = new LinkedHashMap<>();
        for (ListEntry e : entries) {
            if (!e.selectable()) continue;
            String level = below(ModifiedUtf7.decodeLenient(e.name()), prefix);
            for (String a : e.attributes()) {
                for (String r : ROLES) if (r.equalsIgnoreCase(a)) byAttribute.putIfAbsent(r, e.name());
            }
            String r = role(new ListEntry(e.name(), e.separator(), List.of()), level, separator);
            if (r != null) byName.putIfAbsent(r, e.name());
        }
        byName.putAll(byAttribute);
        return byName;
    }

    /** A decoded name without the namespace prefix. */
    static String below(String decoded, String prefix) {
        return prefix != null && !prefix.isEmpty() && decoded.startsWith(prefix) ? decoded.substring(prefix.length()) : decoded;
    }
}
