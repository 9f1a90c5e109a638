package org.mailferry.imap.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Mailbox-level commands over an {@link ImapConnection}: LIST/LSUB (RFC 3501 §6.3.8–9), NAMESPACE
 * (RFC 2342), SELECT/EXAMINE, STATUS, CREATE, SUBSCRIBE, GETACL/SETACL (RFC 4314). Names are passed and
 * returned raw (modified UTF-7); callers encode and decode with {@link ModifiedUtf7}.
 */
public final class ImapMailboxes {
    private ImapMailboxes() { }

    /** A personal namespace (RFC 2342): its prefix ("" or "INBOX.") and separator (null = flat). */
    public record Namespace(String prefix, Character separator) { }

    public static List<ListEntry> list(ImapConnection c, String command, String reference, String pattern)
            throws IOException, ImapCommandException {
        List<ListEntry> out = new ArrayList<>();
        String verb = command.toUpperCase(Locale.ROOT);
        c.run(List.of(ImapConnection.Arg.atom(verb), ImapConnection.Arg.string(reference), ImapConnection.Arg.string(pattern)),
                r -> {
                    if (!r.kind().equals(verb) || r.values().size() < 3) return;
                    List<String> attrs = new ArrayList<>();
                    if (r.values().get(0) instanceof ImapValue.ListVal l) for (ImapValue v : l.items()) attrs.add(ImapValue.text(v));
                    String sep = ImapValue.text(r.values().get(1));
                    String name = ImapValue.text(r.values().get(2));
                    if (name == null) return;
                    out.add(new ListEntry(name, sep == null || sep.isEmpty() ? null : sep.charAt(0), attrs));
                });
        return out;
    }

    /** The first personal namespace, or ("", separator from LIST "" "") when the server has no NAMESPACE. */
    public static Namespace personalNamespace(ImapConnection c) throws IOException, ImapCommandException {
        if (c.has("NAMESPACE")) {
            Namespace[] found = new Namespace[1];
            c.run("NAMESPACE", r -> {
                if (!r.kind().equals("NAMESPACE") || r.values().isEmpty()) return;
                if (r.values().get(0) instanceof ImapValue.ListVal personal && !personal.items().isEmpty()
                        && personal.items().get(0) instanceof ImapValue.ListVal first && first.items().size() >= 2) {
                    String prefix = ImapValue.text(first.items().get(0));
                    String sep = ImapValue.text(first.items().get(1));
                    found[0] = new Namespace(prefix == null ? "" : prefix, sep == null || sep.isEmpty() ? null : sep.charAt(0));
                }
            });
            if (found[0] != null) return found[0];
        }
        List<ListEntry> root = list(c, "LIST", "", "");
        return new Namespace("", root.isEmpty() ? null : root.get(0).separator());
    }

    /** SELECT (readOnly = false) or EXAMINE. */
    public static SelectInfo select(ImapConnection c, String mailbox, boolean readOnly) throws IOException, ImapCommandException {
        long[] v = new long[3];
        List<List<String>> perm = new ArrayList<>();
        ImapCompletion done = c.run(List.of(ImapConnection.Arg.atom(readOnly ? "EXAMINE" : "SELECT"), ImapConnection.Arg.string(mailbox)),
                r -> {
                    if (r.kind().equals("EXISTS")) v[0] = r.number();
                    if (r.kind().equals("OK")) {
                        switch (r.codeName()) {
                            case "UIDVALIDITY" -> v[1] = Long.parseLong(r.code().substring(12).trim());
                            case "UIDNEXT" -> v[2] = Long.parseLong(r.code().substring(8).trim());
                            case "PERMANENTFLAGS" -> perm.add(parseFlagList(r.code().substring(14)));
                            default -> { }
                        }
                    }
                });
        boolean ro = "READ-ONLY".equals(done.codeName());
        return new SelectInfo(v[0], v[1], v[2], perm.isEmpty() ? null : perm.get(0), ro);
    }

    /**
     * STATUS mailbox (MESSAGES UIDNEXT UIDVALIDITY, and HIGHESTMODSEQ when the server has CONDSTORE, RFC 7162);
     * returns {messages, uidNext, uidValidity, highestModSeq (0: none)}.
     */
    public static long[] status(ImapConnection c, String mailbox) throws IOException, ImapCommandException {
        java.util.Map<String, Long> m = c.has("CONDSTORE") ? status(c, mailbox, "MESSAGES", "UIDNEXT", "UIDVALIDITY", "HIGHESTMODSEQ")
                : status(c, mailbox, "MESSAGES", "UIDNEXT", "UIDVALIDITY");
        return new long[] {m.getOrDefault("MESSAGES", 0L), m.getOrDefault("UIDNEXT", 0L), m.getOrDefault("UIDVALIDITY", 0L),
                m.getOrDefault("HIGHESTMODSEQ", 0L)};
    }

    /** STATUS mailbox (items...): each item the server answered (upper-case name) with its number. */
    public static java.util.Map<String, Long> status(ImapConnection c, String mailbox, String... items) throws IOException, ImapCommandException {
        java.util.Map<String, Long> v = new java.util.HashMap<>();
        c.run(List.of(ImapConnection.Arg.atom("STATUS"), ImapConnection.Arg.string(mailbox),
                ImapConnection.Arg.atom("(" + String.join(" ", items) + ")")), r -> {
                    if (!r.kind().equals("STATUS") || r.values().size() < 2) return;
                    if (r.values().get(1) instanceof ImapValue.ListVal l) {
                        for (int i = 0; i + 1 < l.items().size(); i += 2) {
                            v.put(ImapValue.text(l.items().get(i)).toUpperCase(Locale.ROOT), Long.parseLong(ImapValue.text(l.items().get(i + 1))));
                        }
                    }
                });
        return v;
    }

    public static void create(ImapConnection c, String mailbox) throws IOException, ImapCommandException {
        c.run(List.of(ImapConnection.Arg.atom("CREATE"), ImapConnection.Arg.string(mailbox)), r -> { });
    }

    /** CREATE with Mailferry's {@code (X-UIDVALIDITY n)} create-param (capability X-MAILFERRY-UIDS). */
    public static void createWithUidValidity(ImapConnection c, String mailbox, long uidValidity)
            throws IOException, ImapCommandException {
        c.run(List.of(ImapConnection.Arg.atom("CREATE"), ImapConnection.Arg.string(mailbox),
                ImapConnection.Arg.atom("(X-UIDVALIDITY " + uidValidity + ")")), r -> { });
    }

    public static void subscribe(ImapConnection c, String mailbox) throws IOException, ImapCommandException {
        c.run(List.of(ImapConnection.Arg.atom("SUBSCRIBE"), ImapConnection.Arg.string(mailbox)), r -> { });
    }

    /** GETACL (RFC 4314 §3.3): identifier/rights pairs. */
    public static List<String[]> getAcl(ImapConnection c, String mailbox) throws IOException, ImapCommandException {
        List<String[]> out = new ArrayList<>();
        c.run(List.of(ImapConnection.Arg.atom("GETACL"), ImapConnection.Arg.string(mailbox)), r -> {
            if (!r.kind().equals("ACL")) return;
            for (int i = 1; i + 1 < r.values().size(); i += 2) {
                out.add(new String[] {ImapValue.text(r.values().get(i)), ImapValue.text(r.values().get(i + 1))});
            }
        });
        return out;
    }

    public static void setAcl(ImapConnection c, String mailbox, String identifier, String rights)
            throws IOException, ImapCommandException {
        c.run(List.of(ImapConnection.Arg.atom("SETACL"), ImapConnection.Arg.string(mailbox),
                ImapConnection.Arg.string(identifier), ImapConnection.Arg.string(rights)), r -> { });
    }

    static List<String> parseFlagList(String s) {
        String t = s.trim();
        if (t.startsWith("(")) t = t.substring(1);
        int end = t.indexOf(')');
        if (end >= 0) t = t.substring(0, end);
        List<String> out = new ArrayList<>();
        for (String f : t.trim().split(" +")) if (!f.isEmpty()) out.add(f);
        return out;
    }
}
