package org.mailferry.imap.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.mailferry.directory.Account;
import org.mailferry.imap.proto.ImapCommand;
import org.mailferry.store.AccountStore;
import org.mailferry.store.MailboxInfo;
import org.mailferry.store.StoreException;

/**
 * LIST and LSUB (RFC 3501 §6.3.8-9) with LIST-EXTENDED selection and return options (RFC 5258), CHILDREN
 * attributes (RFC 3348), LIST-STATUS (RFC 5819) and SPECIAL-USE attributes (RFC 6154). Patterns starting with
 * {@code ~user/} list another user's mailboxes that grant the {@code l} right.
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
        for (String pattern : c.patterns()) {
            String full = MailboxNames.decode(c.reference()) + MailboxNames.decode(pattern);
            if (full.startsWith(MailboxNames.OTHER_USERS)) {
                others(s, a.account(), full, out);
                continue;
            }
            Pattern re = regex(full);
            List<MailboxInfo> all = a.store().list();
            Set<String> subs = a.store().subscriptions();
            Map<String, MailboxInfo> byName = new LinkedHashMap<>();
            for (MailboxInfo m : all) {
                byName.put(trim(m.name()), m);
            }
            List<String> names = new ArrayList<>(byName.keySet());
            if (subscribedOnly) {
                for (String sub : subs) {
                    if (!byName.containsKey(trim(sub))) {
                        names.add(trim(sub));
                    }
                }
            }
            for (String name : names) {
                MailboxInfo m = byName.get(name);
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
                String special = MailboxNames.specialUse(name.substring(name.lastIndexOf('/') + 1));
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
                        new MailboxNames.Target(a.account(), a.store(), name, true, MailboxNames.encode(name)),
                        m != null && m.selectable()));
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
            if (MailboxNames.rightsFrom(store.acl(name), me).indexOf('l') < 0) {
                continue;
            }
            String wire = MailboxNames.encodeOther(owner.get(), name);
            out.putIfAbsent(wire, new Entry(wire, List.of("\\HasNoChildren"), null,
                    new MailboxNames.Target(owner.get(), store, name, false, wire), true));
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
