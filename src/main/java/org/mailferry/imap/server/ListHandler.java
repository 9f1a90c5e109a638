package org.mailferry.imap.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.mailferry.directory.Account;
import org.mailferry.imap.proto.ImapCommand;
import org.mailferry.store.AccountStore;
import org.mailferry.store.MailboxInfo;
import org.mailferry.store.Rights;
import org.mailferry.store.StoreException;

/**
 * LIST and LSUB (RFC 3501 §6.3.8-9) with LIST-EXTENDED selection and return options (RFC 5258), CHILDREN
 * attributes (RFC 3348), LIST-STATUS (RFC 5819) and SPECIAL-USE attributes (RFC 6154). Patterns starting with
 * {@code ~user/} list another user's mailboxes that grant the {@code l} right; the shared namespace
 * ({@code #shared/}, RFC 2342) is listed with the personal one, showing the mailboxes that grant {@code l}.
 * LIST-STATUS answers only for mailboxes that grant {@code r}.
 */
final class ListHandler {
    private ListHandler() {
    }

    /** One line of output before formatting. */
    private record Entry(String wire, List<String> attrs, String childInfo, MailboxNames.Target target,
                         boolean selectable) {
    }

    static String list(ImapSession s, ImapCommand.ListMailboxes c) throws ImapException, IOException, StoreException {
        State.Authenticated a = s.authenticated();
        if (!c.lsub() && c.patterns().size() == 1 && c.patterns().get(0).isEmpty()) {
            s.out.untagged("LIST (\\Noselect) \"/\" \"\"");
            return "LIST completed";
        }
        boolean subscribedOnly = c.selection().contains("SUBSCRIBED");
        boolean recursive = c.selection().contains("RECURSIVEMATCH");
        boolean specialOnly = c.selection().contains("SPECIAL-USE");
        boolean returnSubscribed = c.returnOptions().contains("SUBSCRIBED") || subscribedOnly;
        Map<String, Entry> out = new LinkedHashMap<>();
        Map<String, Node> tree = null;
        Set<String> subs = null;
        for (String pattern : c.patterns()) {
            String full = MailboxNames.decode(c.reference()) + MailboxNames.decode(pattern);
            if (full.startsWith(MailboxNames.OTHER_USERS)) {
                others(s, a.account(), full, out);
                continue;
            }
            if (tree == null) {
                tree = tree(s, a);
                subs = MailboxNames.subscriptions(a.store());
            }
            Pattern re = regex(full);
            List<String> names = new ArrayList<>(tree.keySet());
            if (subscribedOnly) {
                for (String sub : subs) {
                    if (!tree.containsKey(trim(sub))) {
                        names.add(trim(sub));
                    }
                }
            }
            for (String name : names) {
                Node m = tree.get(name);
                boolean subscribed = subs.contains(name) || (m != null && m.subscribed());
                String childInfo = null;
                if (!re.matcher(name).matches()) {
                    continue;
                }
                if (subscribedOnly && !subscribed) {
                    if (recursive && hasSubscribedChild(name, subs)) {
                        childInfo = "(\"CHILDINFO\" (\"SUBSCRIBED\"))";
                    } else {
                        continue;
                    }
                }
                String special = MailboxNames.isShared(name) ? null
                        : MailboxNames.specialUse(name.substring(name.lastIndexOf('/') + 1));
                if (specialOnly && special == null) {
                    continue;
                }
                List<String> attrs = new ArrayList<>();
                if (m == null) {
                    attrs.add("\\NonExistent");
                } else {
                    if (!m.selectable()) {
                        attrs.add("\\Noselect");
                    }
                    attrs.add(m.hasChildren() ? "\\HasChildren" : "\\HasNoChildren");
                }
                if (returnSubscribed && subscribed && !c.lsub()) {
                    attrs.add("\\Subscribed");
                }
                if (special != null) {
                    attrs.add(special);
                }
                if (c.lsub()) {
                    attrs.removeIf(x -> !x.equals("\\Noselect"));
                    if (m == null) {
                        attrs.add("\\Noselect");
                    }
                }
                out.putIfAbsent(name, new Entry(MailboxNames.encode(name), attrs, childInfo,
                        m == null ? null : m.target(), m != null && m.selectable() && m.readable()));
            }
        }
        String verb = c.lsub() ? "LSUB" : "LIST";
        for (Entry e : out.values()) {
            s.out.raw("* ").raw(verb).raw(" (").raw(String.join(" ", e.attrs())).raw(") \"/\" ").astring(e.wire());
            if (e.childInfo() != null) {
                s.out.sp().raw(e.childInfo());
            }
            s.out.crlf();
            if (c.statusItems() != null && e.selectable()) {
                try {
                    s.out.raw("* STATUS ").astring(e.wire()).sp().raw(MailboxHandler.statusItems(s,
                            e.target().store().status(e.target().name()), c.statusItems())).crlf();
                } catch (StoreException ex) {
                    // RFC 5819: a mailbox whose status cannot be had is listed without STATUS
                }
            }
        }
        return verb + " completed";
    }

    /** A listable name: its attributes, where it lives, and whether STATUS may be given for it. */
    private record Node(boolean selectable, boolean hasChildren, boolean subscribed, MailboxNames.Target target,
                        boolean readable) {
    }

    /**
     * The personal mailboxes (minus names in other namespaces) followed by the shared namespace: the shared
     * account's mailboxes the user may see ({@code l}), their parent folders, and {@code #shared} itself.
     */
    private static Map<String, Node> tree(ImapSession s, State.Authenticated a) throws StoreException {
        Map<String, Node> tree = new LinkedHashMap<>();
        for (MailboxInfo m : a.store().list()) {
            String name = trim(m.name());
            if (!MailboxNames.isShared(name)) {
                tree.put(name, new Node(m.selectable(), m.hasChildren(), m.subscribed(),
                        new MailboxNames.Target(a.account(), a.store(), name, true, MailboxNames.encode(name)), true));
            }
        }
        Optional<Account> owner = s.names.sharedOwner(a.account());
        if (owner.isEmpty()) {
            return tree;
        }
        boolean own = owner.get().address().equalsIgnoreCase(a.account().address());
        AccountStore store = own ? a.store() : s.access.store(owner.get());
        Map<String, Boolean> visible = new TreeMap<>(); // store name -> readable
        for (MailboxInfo m : store.list()) {
            String name = trim(m.name());
            if (!m.selectable()) {
                continue;
            }
            String rights = own ? Rights.ALL : MailboxNames.rightsFrom(store.acl(name), a.account());
            if (rights.indexOf('l') >= 0) {
                visible.put(name, rights.indexOf('r') >= 0);
            }
        }
        if (visible.isEmpty()) {
            return tree;
        }
        Set<String> folders = new TreeSet<>();
        for (String name : visible.keySet()) {
            for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
                folders.add(name.substring(0, i));
            }
        }
        String prefix = MailboxNames.SHARED + MailboxNames.DELIMITER;
        tree.put(MailboxNames.SHARED, new Node(false, true, false, null, false));
        Set<String> all = new TreeSet<>(visible.keySet());
        all.addAll(folders);
        for (String name : all) {
            boolean selectable = visible.containsKey(name);
            tree.put(prefix + name, new Node(selectable, folders.contains(name), false,
                    new MailboxNames.Target(owner.get(), store, name, own, MailboxNames.encodeShared(name)),
                    selectable && visible.get(name)));
        }
        return tree;
    }

    private static String trim(String name) {
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    private static boolean hasSubscribedChild(String name, Set<String> subs) {
        for (String sub : subs) {
            if (sub.startsWith(name + "/")) {
                return true;
            }
        }
        return false;
    }

    /** {@code ~user/pattern}: the user's mailboxes we may see. */
    private static void others(ImapSession s, Account me, String full, Map<String, Entry> out)
            throws StoreException {
        int slash = full.indexOf('/');
        String who = slash < 0 ? full.substring(1) : full.substring(1, slash);
        if (who.isEmpty() || who.contains("*") || who.contains("%")) {
            return;
        }
        Optional<Account> owner = s.access.account(who);
        if (owner.isEmpty() || owner.get().address().equalsIgnoreCase(me.address())) {
            return;
        }
        Pattern re = regex(slash < 0 ? "" : full.substring(slash + 1));
        AccountStore store = s.access.store(owner.get());
        for (MailboxInfo m : store.list()) {
            String name = trim(m.name());
            if (!m.selectable() || !re.matcher(name).matches()) {
                continue;
            }
            String rights = MailboxNames.rightsFrom(store.acl(name), me);
            if (rights.indexOf('l') < 0) {
                continue;
            }
            String wire = MailboxNames.encodeOther(owner.get(), name);
            out.putIfAbsent(wire, new Entry(wire, List.of("\\HasNoChildren"), null,
                    new MailboxNames.Target(owner.get(), store, name, false, wire), rights.indexOf('r') >= 0));
        }
    }

    /** The pattern as a regex: {@code *} matches anything, {@code %} anything but the delimiter. */
    static Pattern regex(String pattern) {
        String p = pattern;
        if (p.regionMatches(true, 0, "INBOX", 0, 5) && (p.length() == 5 || p.charAt(5) == '/')) {
            p = "INBOX" + p.substring(5);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char ch = p.charAt(i);
            if (ch == '*') {
                sb.append(".*");
            } else if (ch == '%') {
                sb.append("[^/]*");
            } else {
                sb.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(sb.toString(), Pattern.DOTALL);
    }
}
