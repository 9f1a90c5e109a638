package org.mailferry.migrate.importers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mailferry.directory.DirectoryException;
import org.mailferry.directory.Names;

/**
 * What each entry of an aliases file becomes here (seed: "Migrating from sendmail", "The aliases file"):
 * <ul>
 * <li>the name of an existing account: a rule in the account's {@code Rules} — {@code Execute} for
 *     {@code |program}, {@code Mirror to} for other targets when the entry also delivers to the account itself
 *     ({@code bob: \bob, …}), else {@code Redirect to} and {@code Discard}, as sendmail, which reads aliases before
 *     local mailboxes, would deliver;</li>
 * <li>one local account (directly, or through other entries of the file that name one account each):
 *     an account alias;</li>
 * <li>one address elsewhere, or one entry of this file that becomes a group or forwarder: a forwarder;</li>
 * <li>several targets, or {@code :include:} lists: a group (members from the include file too);</li>
 * <li>{@code |program} for a name that is not an account: a new account without a password, holding the rule;</li>
 * <li>{@code /file}: no equivalent (reported; the other targets of the entry are still mapped).</li>
 * </ul>
 * Rules are stored in CommuniGate Pro's form {@code (priority, name, (), (actions))}; the rules engine is a later
 * issue, so the report says "stored, runs once rules land". {@code owner-X} and {@code X-request} entries are mapped
 * like any other, with a note on what sendmail used them for. Local names are those without a domain or with one of
 * {@code localDomains}. Reads include files; no server access (the caller passes the accounts that exist).
 */
public final class AliasesMapping {
    /** The name of the rule an aliases entry becomes. */
    public static final String RULE = "Imported from aliases";
    static final String RULES_LATER = "stored, runs once rules land";
    private static final int MAX_INCLUDE = 10_000;
    private static final int MAX_CHAIN = 20;

    private final String domain;
    private final Set<String> accounts;
    private final Set<String> localDomains;
    private final Map<String, AliasesFile.Alias> entries = new HashMap<>();

    private AliasesMapping(String domain, Set<String> accounts, Set<String> localDomains) {
        this.domain = domain;
        this.accounts = accounts;
        this.localDomains = localDomains;
    }

    /**
     * Maps a parsed file. {@code domain}: the domain the names belong to (null: the server's main domain);
     * {@code accounts}: the account names that exist in it; {@code localDomains}: domains whose addresses count as
     * local names.
     */
    public static Importer.Input map(AliasesFile.Parsed file, String domain, Set<String> accounts,
                                     Set<String> localDomains) {
        AliasesMapping m = new AliasesMapping(domain, accounts, lower(localDomains));
        file.aliases().forEach(a -> m.entries.putIfAbsent(a.name(), a));
        List<Wanted> out = new ArrayList<>();
        for (AliasesFile.Bad b : file.bad()) {
            out.add(new Wanted.Invalid(b.source(), b.name(), b.reason()));
        }
        for (AliasesFile.Alias a : file.aliases()) {
            out.add(m.entry(a));
        }
        out.sort(java.util.Comparator.comparingInt(w -> w.source().line()));
        return new Importer.Input(out, List.of());
    }

    private Wanted entry(AliasesFile.Alias a) {
        String name;
        try {
            name = Names.objectName(a.name());
        } catch (DirectoryException e) {
            return new Wanted.Invalid(a.source(), a.name(), e.getMessage());
        }
        List<String> notes = new ArrayList<>(listNote(name));
        boolean keep = false;
        List<String> programs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        List<String> members = new ArrayList<>();
        List<String> includes = new ArrayList<>();
        for (AliasesFile.Target t : a.targets()) {
            switch (t) {
                case AliasesFile.Program p -> programs.add(p.command());
                case AliasesFile.File f -> files.add(f.path());
                case AliasesFile.Include i -> includes.add(i.path());
                case AliasesFile.Local l -> {
                    if (l.name().equals(name)) {
                        keep = true;
                    } else {
                        members.add(l.name());
                    }
                }
                case AliasesFile.Address ad -> {
                    String local = localPart(ad.address());
                    if (local == null) {
                        members.add(ad.address());
                    } else if (local.equals(name)) {
                        keep = true;
                    } else {
                        members.add(local);
                    }
                }
            }
        }
        for (String inc : includes) {
            try {
                members.addAll(include(inc, notes));
            } catch (IOException | InputException e) {
                return new Wanted.Invalid(a.source(), name, ":include:" + inc + ": " + e.getMessage());
            }
        }
        if (!files.isEmpty()) {
            notes.add("delivery to " + String.join(", ", files) + " has no equivalent here: not imported");
        }
        boolean isAccount = accounts.contains(name);
        if (isAccount || !programs.isEmpty()) {
            if (programs.isEmpty() && members.isEmpty()) {
                return new Wanted.Unmapped(a.source(), name, keep ? "delivers to the account " + name
                        + " itself: nothing to import" : "only file deliveries (" + String.join(", ", files)
                        + "), which have no equivalent here");
            }
            List<Object> actions = new ArrayList<>();
            programs.forEach(p -> actions.add(List.of("Execute", execute(p))));
            boolean copy = keep;
            if (!members.isEmpty()) {
                actions.add(List.of(copy ? "Mirror to" : "Redirect to", String.join(",", members)));
            }
            if (!copy) {
                actions.add(List.of("Discard"));
            }
            notes.add(RULES_LATER);
            if (!isAccount) {
                notes.add("a |program needs an account to run in: " + name + " is created for it");
            }
            return new Wanted.Rule(a.source(), name, domain, List.of("5", RULE, List.of(), actions), !isAccount,
                    notes);
        }
        if (members.isEmpty()) {
            return new Wanted.Unmapped(a.source(), name, keep ? "delivers only to " + name + ", which is not an "
                    + "account here" : "only file deliveries (" + String.join(", ", files) + "), which have no "
                    + "equivalent here");
        }
        if (members.size() == 1 && includes.isEmpty()) {
            String t = members.getFirst();
            if (t.indexOf('@') >= 0) {
                return new Wanted.Forwarder(a.source(), name, domain, t, notes);
            }
            List<String> chain = chain(name, t);
            if (chain.indexOf(chain.getLast()) < chain.size() - 1) {
                return new Wanted.Invalid(a.source(), name, "an alias loop: " + String.join(" -> ", chain));
            }
            String acct = accounts.contains(chain.getLast()) ? chain.getLast() : null;
            if (acct != null) {
                if (chain.size() > 2) {
                    notes.add("through " + String.join(" -> ", chain));
                }
                return new Wanted.Alias(a.source(), name, domain, acct, notes);
            }
            if (entries.containsKey(t)) {
                return new Wanted.Forwarder(a.source(), name, domain, t, notes);
            }
            return new Wanted.Invalid(a.source(), name, "no account named " + t + " and no entry " + t + " in this "
                    + "file (import the accounts first)");
        }
        return new Wanted.Group(a.source(), name, domain, null, members, notes);
    }

    /**
     * The names mail to {@code from} passes through, starting with {@code from} and {@code first}, following entries
     * of this file that name exactly one local name, until an account, a name that is no such entry, or a name seen
     * before (a loop: the list then ends with that name).
     */
    private List<String> chain(String from, String first) {
        List<String> chain = new ArrayList<>(List.of(from, first));
        Set<String> seen = new HashSet<>(chain);
        String name = first;
        while (!accounts.contains(name) && chain.size() < MAX_CHAIN) {
            AliasesFile.Alias next = entries.get(name);
            if (next == null || next.targets().size() != 1
                    || !(next.targets().getFirst() instanceof AliasesFile.Local l) || l.noAlias()) {
                break;
            }
            name = l.name();
            chain.add(name);
            if (!seen.add(name)) {
                break;
            }
        }
        return chain;
    }

    private List<String> listNote(String name) {
        if (name.startsWith("owner-") && entries.containsKey(name.substring(6))) {
            return List.of("sendmail sends delivery errors of " + name.substring(6) + " here; groups here have no "
                    + "error address yet");
        }
        if (name.endsWith("-request") && entries.containsKey(name.substring(0, name.length() - 8))) {
            return List.of("the request address of the list " + name.substring(0, name.length() - 8));
        }
        return List.of();
    }

    /** The members an :include: file lists (one or more per line, comma-separated; # comments). */
    private List<String> include(String path, List<String> notes) throws IOException, InputException {
        List<String> out = new ArrayList<>();
        for (TextFile.Line l : TextFile.read(Path.of(path))) {
            if (l.error() != null) {
                throw new InputException(new Source(path, l.number()), l.error());
            }
            if (l.text().isBlank() || l.text().stripLeading().startsWith("#")) {
                continue;
            }
            for (String v : AliasesFile.split(l.text())) {
                switch (AliasesFile.target(v)) {
                    case AliasesFile.Local lo -> out.add(lo.name());
                    case AliasesFile.Address ad -> out.add(localPart(ad.address()) != null
                            ? localPart(ad.address()) : ad.address());
                    default -> notes.add(path + ":" + l.number() + ": " + v + " cannot be a group member: left out");
                }
                if (out.size() > MAX_INCLUDE) {
                    throw new InputException(new Source(path, l.number()), "more than " + MAX_INCLUDE + " members");
                }
            }
        }
        return out;
    }

    /** The local part when the address is in a local domain, else null. */
    private String localPart(String address) {
        int at = address.lastIndexOf('@');
        String d = address.substring(at + 1).toLowerCase(Locale.ROOT);
        boolean local = localDomains.contains(d) || d.equals(domain);
        return local ? address.substring(0, at).toLowerCase(Locale.ROOT) : null;
    }

    /**
     * The Execute action's parameter for a sendmail pipe: {@code [stdin]} (the message goes to the program's
     * standard input, as sendmail's pipe delivers it) and the command line as written.
     */
    static String execute(String command) {
        return "[stdin] " + command;
    }

    private static Set<String> lower(Set<String> s) {
        Set<String> out = new HashSet<>();
        s.forEach(d -> out.add(d.toLowerCase(Locale.ROOT)));
        return out;
    }
}
