package org.mailferry.migrate.importers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mailferry.auth.Passwords;
import org.mailferry.data.DataFormat;
import org.mailferry.directory.AccountSettings;

/**
 * Turns what the input wants ({@link Wanted}) into report entries with the CLI commands that make it so, by
 * comparing with what the server has ({@link ServerView}): create what is missing; for what exists, report it, or
 * with {@code --update} change what differs (and nothing when nothing differs, so a rerun is a no-op); fail an entry
 * that clashes (same name used twice in the input, a name taken by another kind of object, a missing domain
 * without {@code --create-domains}). Every write command comes with its undo, so an entry is never left
 * half-made and {@code --all-or-nothing} can roll back. Reads the server, writes nothing.
 *
 * <p>Account aliases and rules of one account are planned cumulatively: each entry's command sets the list as it
 * stands after that entry (SETACCOUNTALIASES replaces the list), so entries stay independent in the report yet
 * keep what earlier entries added.
 */
final class Planner {
    private record Claim(Source source, String kind) {
    }

    private final ServerView view;
    private final ImportOptions opt;
    private final Map<String, Claim> claims = new HashMap<>();
    private final Set<String> plannedDomains = new HashSet<>();
    private final Map<String, List<String>> aliasLists = new HashMap<>();
    private final Map<String, List<Object>> ruleLists = new HashMap<>();
    private final List<Entry> out = new ArrayList<>();

    Planner(ServerView view, ImportOptions opt) {
        this.view = view;
        this.opt = opt;
    }

    /** Plans every wanted object, in input order (domain creations are extra entries of their own). */
    List<Entry> plan(List<? extends Wanted> wanted) throws IOException {
        for (Wanted w : wanted) {
            switch (w) {
                case Wanted.Account a -> account(a);
                case Wanted.Forwarder f -> forwarder(f);
                case Wanted.Group g -> group(g);
                case Wanted.Alias a -> alias(a);
                case Wanted.Rule r -> rule(r);
                case Wanted.Invalid i -> out.add(new Entry(i.source(), "entry", i.object(), Entry.PHASE_OBJECTS)
                        .fail(i.reason()));
                case Wanted.Unmapped u -> out.add(new Entry(u.source(), "entry", u.object(), Entry.PHASE_OBJECTS)
                        .plan(Entry.Plan.UNMAPPED, u.reason(), List.of()));
            }
        }
        return out;
    }

    // ---- accounts ------------------------------------------------------------------------------------

    private void account(Wanted.Account w) throws IOException {
        String d = domainOf(w.domain());
        String addr = w.name() + "@" + d;
        Entry e = add(w.source(), "account", addr, Entry.PHASE_ACCOUNTS, w.notes());
        String why = usable(d, w.source(), addr);
        for (String al : w.aliases()) {
            why = why != null ? why : freeInPlan(al + "@" + d);
            if (why == null && view.kindOf(al, d) != null && !al.equals(w.name())) {
                why = "the alias " + al + " is taken: " + article(view.kindOf(al, d)) + " with this name exists";
            }
        }
        if (why != null) {
            e.fail(why);
            return;
        }
        String kind = view.kindOf(w.name(), d);
        if (kind != null && !kind.equals("account")) {
            e.fail(article(kind) + " with this name exists");
            return;
        }
        claim(addr, w.source(), "account");
        w.aliases().forEach(al -> claim(al + "@" + d, w.source(), "alias"));
        if (kind == null) {
            List<Step> steps = new ArrayList<>();
            steps.add(new Step("CREATEACCOUNT " + q(addr) + " " + DataFormat.print(w.settings()),
                    "DELETEACCOUNT " + q(addr)));
            if (!w.aliases().isEmpty()) {
                steps.add(new Step("SETACCOUNTALIASES " + q(addr) + " " + DataFormat.print(w.aliases()), null));
            }
            aliasLists.put(addr, new ArrayList<>(w.aliases()));
            ruleLists.put(addr, rulesOf(w.settings()));
            e.plan(Entry.Plan.CREATE, describe(w.settings(), w.aliases()), steps);
        } else if (!opt.update()) {
            e.plan(Entry.Plan.EXISTS, "the account exists (--update changes its settings)", List.of());
        } else {
            updateAccount(e, w, addr);
        }
    }

    private void updateAccount(Entry e, Wanted.Account w, String addr) throws IOException {
        Map<String, Object> old = view.accountSettings(addr);
        Map<String, Object> change = new LinkedHashMap<>();
        for (Map.Entry<String, Object> s : w.settings().entrySet()) {
            boolean same;
            if (s.getKey().equals(AccountSettings.PASSWORD) && s.getValue() instanceof String pw
                    && !pw.isEmpty() && pw.charAt(0) != '\u0002' && pw.charAt(0) != '\u0001') {
                same = view.verifies(addr, pw);
            } else if (s.getKey().equals(AccountSettings.PASSWORD) && s.getValue() instanceof String pw
                    && !pw.isEmpty() && pw.charAt(0) == '\u0002' && old.get(s.getKey()) instanceof String cur
                    && !cur.isEmpty() && cur.charAt(0) != '\u0002' && !cur.equals(pw)) {
                e.notes.add("Password kept: the account has " + article(Passwords.schemeName(cur)) + " password, set or "
                        + "re-hashed since the import; an imported hash never replaces it");
                same = true;
            } else {
                same = Objects.equals(old.get(s.getKey()), s.getValue());
            }
            if (!same) {
                change.put(s.getKey(), s.getValue());
            }
        }
        List<String> now = w.aliases().isEmpty() ? List.of() : view.accountAliases(addr);
        List<String> next = new ArrayList<>(now);
        for (String al : w.aliases()) {
            if (!next.contains(al)) {
                next.add(al);
            }
        }
        aliasLists.put(addr, new ArrayList<>(next));
        Map<String, Object> after = new LinkedHashMap<>(old);
        after.putAll(change);
        ruleLists.put(addr, rulesOf(after));
        if (change.isEmpty() && next.size() == now.size()) {
            e.plan(Entry.Plan.UNCHANGED, "the account has these settings", List.of());
            return;
        }
        List<Step> steps = new ArrayList<>();
        if (!change.isEmpty()) {
            steps.add(new Step("UPDATEACCOUNTSETTINGS " + q(addr) + " " + DataFormat.print(change),
                    "SETACCOUNTSETTINGS " + q(addr) + " " + DataFormat.print(old)));
        }
        if (next.size() != now.size()) {
            steps.add(new Step("SETACCOUNTALIASES " + q(addr) + " " + DataFormat.print(next),
                    "SETACCOUNTALIASES " + q(addr) + " " + DataFormat.print(now)));
        }
        e.plan(Entry.Plan.UPDATE, "changes " + describe(change, next.subList(now.size(), next.size())), steps);
    }

    // ---- forwarders and groups -----------------------------------------------------------------------

    private void forwarder(Wanted.Forwarder w) throws IOException {
        String d = domainOf(w.domain());
        String addr = w.name() + "@" + d;
        Entry e = add(w.source(), "forwarder", addr, Entry.PHASE_OBJECTS, w.notes());
        String why = usable(d, w.source(), addr);
        if (why != null) {
            e.fail(why);
            return;
        }
        String kind = view.kindOf(w.name(), d);
        claim(addr, w.source(), "forwarder");
        String create = "CREATEFORWARDER " + q(addr) + " TO " + q(w.address());
        if (kind == null) {
            e.plan(Entry.Plan.CREATE, "to " + w.address(), List.of(new Step(create, "DELETEFORWARDER " + q(addr))));
        } else if (!kind.equals("forwarder")) {
            e.fail(article(kind) + " with this name exists");
        } else {
            String cur = view.forwarder(addr);
            if (cur.equalsIgnoreCase(w.address())) {
                e.plan(Entry.Plan.UNCHANGED, "forwards to " + cur, List.of());
            } else if (!opt.update()) {
                e.plan(Entry.Plan.EXISTS, "forwards to " + cur + " (--update makes it forward to " + w.address()
                        + ")", List.of());
            } else {
                e.plan(Entry.Plan.UPDATE, "to " + w.address() + " instead of " + cur, List.of(
                        new Step("DELETEFORWARDER " + q(addr), "CREATEFORWARDER " + q(addr) + " TO " + q(cur)),
                        new Step(create, "DELETEFORWARDER " + q(addr))));
            }
        }
    }

    private void group(Wanted.Group w) throws IOException {
        String d = domainOf(w.domain());
        String addr = w.name() + "@" + d;
        Entry e = add(w.source(), "group", addr, Entry.PHASE_OBJECTS, w.notes());
        String why = usable(d, w.source(), addr);
        if (why != null) {
            e.fail(why);
            return;
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        if (w.realName() != null) {
            settings.put(AccountSettings.REAL_NAME, w.realName());
        }
        settings.put("Members", List.copyOf(w.members()));
        String kind = view.kindOf(w.name(), d);
        claim(addr, w.source(), "group");
        String members = w.members().size() + (w.members().size() == 1 ? " member: " : " members: ")
                + String.join(", ", w.members());
        if (kind == null) {
            e.plan(Entry.Plan.CREATE, members, List.of(new Step("CREATEGROUP " + q(addr) + " "
                    + DataFormat.print(settings), "DELETEGROUP " + q(addr))));
        } else if (!kind.equals("group")) {
            e.fail(article(kind) + " with this name exists");
        } else {
            Map<String, Object> cur = view.group(addr);
            if (Objects.equals(cur.get("Members"), settings.get("Members"))
                    && Objects.equals(cur.get(AccountSettings.REAL_NAME), settings.get(AccountSettings.REAL_NAME))) {
                e.plan(Entry.Plan.UNCHANGED, members, List.of());
            } else if (!opt.update()) {
                e.plan(Entry.Plan.EXISTS, "the group exists with other members (--update sets them)", List.of());
            } else {
                e.plan(Entry.Plan.UPDATE, members, List.of(new Step("SETGROUP " + q(addr) + " "
                        + DataFormat.print(settings), "SETGROUP " + q(addr) + " " + DataFormat.print(cur))));
            }
        }
    }

    // ---- account aliases and rules -------------------------------------------------------------------

    private void alias(Wanted.Alias w) throws IOException {
        String d = domainOf(w.domain());
        String addr = w.alias() + "@" + d;
        String account = w.account() + "@" + d;
        Entry e = add(w.source(), "alias", addr, Entry.PHASE_OBJECTS, w.notes());
        String why = usable(d, w.source(), addr);
        if (why == null && !accountExists(w.account(), d)) {
            why = "no account named " + account;
        }
        String kind = why == null ? view.kindOf(w.alias(), d) : null;
        if (why == null && kind != null) {
            why = article(kind) + " named " + w.alias() + " exists";
        }
        if (why != null) {
            e.fail(why);
            return;
        }
        claim(addr, w.source(), "alias");
        List<String> cur = aliasesOf(account);
        if (cur.contains(w.alias())) {
            e.plan(Entry.Plan.UNCHANGED, "already an alias of " + account, List.of());
            return;
        }
        List<String> next = new ArrayList<>(cur);
        next.add(w.alias());
        aliasLists.put(account, next);
        e.plan(Entry.Plan.CREATE, "of account " + account, List.of(new Step("SETACCOUNTALIASES " + q(account)
                + " " + DataFormat.print(next), "SETACCOUNTALIASES " + q(account) + " " + DataFormat.print(cur))));
    }

    private void rule(Wanted.Rule w) throws IOException {
        String d = domainOf(w.domain());
        String account = w.account() + "@" + d;
        Entry e = add(w.source(), "rule", account, Entry.PHASE_OBJECTS, w.notes());
        String why = usable(d, w.source(), account);
        if (why != null) {
            e.fail(why);
            return;
        }
        String show = "rule \"" + w.ruleName() + "\" " + DataFormat.print(w.rule().get(3));
        if (!accountExists(w.account(), d)) {
            String kind = view.kindOf(w.account(), d);
            why = kind != null ? article(kind) + " with this name exists"
                    : !w.createAccount() ? "no account named " + account : freeInPlan(account);
            if (why != null) {
                e.fail(why);
                return;
            }
            claim(account, w.source(), "account");
            List<Object> rules = new ArrayList<>(List.of(w.rule()));
            ruleLists.put(account, rules);
            aliasLists.put(account, new ArrayList<>());
            e.plan(Entry.Plan.CREATE, "new account without a password, holding " + show, List.of(new Step(
                    "CREATEACCOUNT " + q(account) + " " + DataFormat.print(Map.of("Rules", rules)),
                    "DELETEACCOUNT " + q(account))));
            return;
        }
        List<Object> cur = ruleLists.get(account);
        if (cur == null) {
            cur = rulesOf(view.accountSettings(account));
        }
        List<Object> next = new ArrayList<>(cur);
        int same = -1;
        for (int i = 0; i < cur.size(); i++) {
            if (cur.get(i) instanceof List<?> r && r.size() > 1 && w.ruleName().equals(String.valueOf(r.get(1)))) {
                same = i;
            }
        }
        if (same >= 0 && cur.get(same).equals(w.rule())) {
            e.plan(Entry.Plan.UNCHANGED, "the account has this " + show, List.of());
            ruleLists.put(account, cur);
            return;
        }
        if (same >= 0 && !opt.update()) {
            e.plan(Entry.Plan.EXISTS, "the account has another rule named \"" + w.ruleName()
                    + "\" (--update replaces it)", List.of());
            ruleLists.put(account, cur);
            return;
        }
        if (same >= 0) {
            next.set(same, w.rule());
        } else {
            next.add(w.rule());
        }
        ruleLists.put(account, next);
        Object undo = cur.isEmpty() ? "default" : cur;
        e.plan(same >= 0 ? Entry.Plan.UPDATE : Entry.Plan.CREATE, show, List.of(new Step(
                "UPDATEACCOUNTSETTINGS " + q(account) + " " + DataFormat.print(Map.of("Rules", next)),
                "UPDATEACCOUNTSETTINGS " + q(account) + " " + DataFormat.print(Map.of("Rules", undo)))));
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private Entry add(Source src, String kind, String object, int phase, List<String> notes) {
        Entry e = new Entry(src, kind, object, phase);
        e.notes.addAll(notes);
        out.add(e);
        return e;
    }

    private String domainOf(String d) throws IOException {
        return d != null ? d : opt.domain() != null ? opt.domain() : view.mainDomain();
    }

    /** Null when the domain exists or will be created and the name is not used earlier in the input; else why. */
    private String usable(String domain, Source src, String addr) throws IOException {
        if (!view.domainExists(domain) && !plannedDomains.contains(domain)) {
            if (!opt.createDomains()) {
                return "the domain " + domain + " does not exist (--create-domains creates it)";
            }
            plannedDomains.add(domain);
            out.add(new Entry(src, "domain", domain, Entry.PHASE_DOMAINS).plan(Entry.Plan.CREATE,
                    "needed by " + addr, List.of(new Step("CREATEDOMAIN " + q(domain), "DELETEDOMAIN " + q(domain)))));
        }
        return freeInPlan(addr);
    }

    private String freeInPlan(String addr) {
        Claim c = claims.get(addr);
        return c == null ? null : addr + " is already " + article(c.kind()) + " from " + c.source();
    }

    private void claim(String addr, Source src, String kind) {
        claims.putIfAbsent(addr, new Claim(src, kind));
    }

    private boolean accountExists(String name, String domain) throws IOException {
        Claim c = claims.get(name + "@" + domain);
        return c != null ? c.kind().equals("account") : view.accounts(domain).contains(name);
    }

    private List<String> aliasesOf(String account) throws IOException {
        List<String> l = aliasLists.get(account);
        if (l == null) {
            l = view.accountAliases(account);
            aliasLists.put(account, l);
        }
        return l;
    }

    private static List<Object> rulesOf(Map<String, Object> settings) {
        return settings.get("Rules") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
    }

    /** The settings for the report: every key and value, but a password only by its form. */
    static String describe(Map<String, Object> settings, List<String> aliases) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> s : settings.entrySet()) {
            if (s.getKey().equals(AccountSettings.PASSWORD) && s.getValue() instanceof String pw) {
                String scheme = pw.isEmpty() ? "none" : Passwords.schemeName(pw);
                parts.add(scheme.equals("clear") ? "Password (clear; stored with the account's PasswordEncryption)"
                        : "Password (" + scheme + ")");
            } else {
                parts.add(s.getKey() + "=" + DataFormat.print(s.getValue()));
            }
        }
        if (!aliases.isEmpty()) {
            parts.add("aliases " + String.join(", ", aliases));
        }
        return parts.isEmpty() ? "no settings" : String.join(", ", parts);
    }

    private static String article(String kind) {
        return ("aeiou".indexOf(Character.toLowerCase(kind.charAt(0))) >= 0 ? "an " : "a ") + kind;
    }

    private static String q(String s) {
        return ServerView.q(s);
    }
}
