package org.mailferry.imap.server;

import java.io.IOException;
import java.util.List;
import org.mailferry.imap.proto.ImapCommand;
import org.mailferry.store.Flag;
import org.mailferry.store.Mailbox;
import org.mailferry.store.MailboxStatus;
import org.mailferry.store.MessageInfo;
import org.mailferry.store.StoreException;

/**
 * SELECT/EXAMINE, CREATE, DELETE, RENAME, SUBSCRIBE/UNSUBSCRIBE, STATUS and EXPUNGE (RFC 3501 §6.3, §6.4.3;
 * CONDSTORE's HIGHESTMODSEQ, RFC 7162; UID EXPUNGE, RFC 4315; CREATE-SPECIAL-USE, RFC 6154).
 */
final class MailboxHandler {
    private MailboxHandler() {
    }

    static String select(ImapSession s, ImapCommand.Select c) throws ImapException, IOException {
        State.Authenticated a = s.authenticated();
        s.closeSelected();
        s.state = a; // a failed SELECT leaves no mailbox selected
        MailboxNames.Target t = s.names.resolve(a.account(), a.store(), c.mailbox());
        Mailbox view;
        String rights;
        try {
            rights = MailboxNames.rights(a.account(), t);
            if (rights.indexOf('r') < 0) {
                throw ImapException.no("NONEXISTENT", "No such mailbox");
            }
            boolean readOnly = c.readOnly() || rights.indexOf('s') < 0 && rights.indexOf('w') < 0
                    && rights.indexOf('t') < 0 && rights.indexOf('e') < 0;
            view = t.store().open(t.name(), readOnly);
        } catch (StoreException e) {
            throw ImapException.of(e);
        }
        if (c.condstore()) {
            s.condstore = true;
        }
        SelectedMailbox box = new SelectedMailbox(view, t, rights);
        s.state = new State.Selected(a.account(), a.store(), box);
        s.cache.clear();
        s.out.untagged("FLAGS " + box.flagList());
        String perm = view.readOnly() ? "()" : box.flagList().replace(")", " \\*)");
        s.out.untagged("OK [PERMANENTFLAGS " + perm + "] Flags permitted");
        s.out.untagged(view.exists() + " EXISTS");
        s.out.untagged(view.recent() + " RECENT");
        List<MessageInfo> msgs = view.messages();
        for (int i = 0; i < msgs.size(); i++) {
            if (!msgs.get(i).flags().has(Flag.SEEN)) {
                s.out.untagged("OK [UNSEEN " + (i + 1) + "] First unseen");
                break;
            }
        }
        s.out.untagged("OK [UIDVALIDITY " + view.uidValidity() + "] UIDs valid");
        s.out.untagged("OK [UIDNEXT " + view.uidNext() + "] Predicted next UID");
        s.out.untagged("OK [HIGHESTMODSEQ " + view.highestModSeq() + "] Highest");
        return (view.readOnly() ? "[READ-ONLY] " : "[READ-WRITE] ") + (c.readOnly() ? "EXAMINE" : "SELECT")
                + " completed";
    }

    static String create(ImapSession s, ImapCommand.Create c) throws ImapException, StoreException {
        State.Authenticated a = s.authenticated();
        MailboxNames.Target t = s.names.resolve(a.account(), a.store(), c.mailbox());
        if (!t.own()) {
            throw ImapException.no("NOPERM", "Cannot create mailboxes of other users");
        }
        for (String use : c.specialUse()) {
            String name = t.name().endsWith("/") ? t.name().substring(0, t.name().length() - 1) : t.name();
            String leaf = name.substring(name.lastIndexOf('/') + 1);
            if (!use.equalsIgnoreCase(MailboxNames.specialUse(leaf))) {
                throw ImapException.no("USEATTR", "Special use " + use + " is given by the name here (e.g. "
                        + "Sent, Drafts, Trash, Junk, Archive)");
            }
        }
        if (c.uidValidity() != 0) {
            return FidelityHandler.create(t, c.uidValidity());
        }
        try {
            t.store().create(t.name());
        } catch (StoreException e) {
            throw ImapException.of(e);
        }
        return "CREATE completed";
    }

    static String delete(ImapSession s, ImapCommand.Delete c) throws ImapException {
        State.Authenticated a = s.authenticated();
        MailboxNames.Target t = s.names.resolve(a.account(), a.store(), c.mailbox());
        if (!t.own()) {
            throw ImapException.no("NOPERM", "Cannot delete mailboxes of other users");
        }
        if (s.state instanceof State.Selected sel && sel.mailbox().target.own()
                && sel.mailbox().view.name().equals(t.name())) {
            s.closeSelected();
            s.state = a;
        }
        try {
            t.store().delete(t.name());
        } catch (StoreException e) {
            throw ImapException.of(e);
        }
        return "DELETE completed";
    }

    static String rename(ImapSession s, ImapCommand.Rename c) throws ImapException {
        State.Authenticated a = s.authenticated();
        MailboxNames.Target from = s.names.resolve(a.account(), a.store(), c.from());
        MailboxNames.Target to = s.names.resolve(a.account(), a.store(), c.to());
        if (!from.own() || !to.own()) {
            throw ImapException.no("NOPERM", "Cannot rename mailboxes of other users");
        }
        try {
            a.store().rename(from.name(), to.name());
        } catch (StoreException e) {
            throw ImapException.of(e);
        }
        return "RENAME completed";
    }

    static String subscribe(ImapSession s, ImapCommand.Subscribe c) throws ImapException {
        State.Authenticated a = s.authenticated();
        String name = MailboxNames.subscriptionKey(MailboxNames.decode(c.mailbox()));
        try {
            if (c.subscribe()) {
                a.store().subscribe(name);
            } else {
                a.store().unsubscribe(name);
            }
        } catch (StoreException e) {
            throw ImapException.of(e);
        }
        return (c.subscribe() ? "SUBSCRIBE" : "UNSUBSCRIBE") + " completed";
    }

    static String status(ImapSession s, ImapCommand.Status c) throws ImapException, IOException {
        State.Authenticated a = s.authenticated();
        MailboxNames.Target t = s.names.resolve(a.account(), a.store(), c.mailbox());
        try {
            if (MailboxNames.rights(a.account(), t).indexOf('r') < 0) {
                throw ImapException.no("NONEXISTENT", "No such mailbox");
            }
            s.out.untagged("STATUS " + astring(c.mailbox()) + " " + statusItems(s, t.store().status(t.name()),
                    c.items()));
        } catch (StoreException e) {
            throw ImapException.of(e);
        }
        return "STATUS completed";
    }

    static String statusItems(ImapSession s, MailboxStatus st, List<String> items) {
        StringBuilder sb = new StringBuilder("(");
        for (String item : items) {
            if (sb.length() > 1) {
                sb.append(' ');
            }
            sb.append(item).append(' ').append(switch (item) {
                case "MESSAGES" -> st.messages();
                case "RECENT" -> st.recent();
                case "UIDNEXT" -> st.uidNext();
                case "UIDVALIDITY" -> st.uidValidity();
                case "UNSEEN" -> st.unseen();
                case "HIGHESTMODSEQ" -> st.highestModSeq();
                case "SIZE" -> st.size();
                case "DELETED" -> st.deleted();
                case "APPENDLIMIT" -> s.server.settings().maxAppendSize();
                default -> 0;
            });
        }
        return sb.append(')').toString();
    }

    static String astring(String wire) {
        try {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            new org.mailferry.imap.proto.ImapWriter(b).astring(wire);
            return b.toString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String expunge(ImapSession s, ImapCommand.Expunge c) throws ImapException {
        State.Selected sel = s.selected();
        SelectedMailbox box = sel.mailbox();
        if (box.readOnly()) {
            throw ImapException.no("READ-ONLY", "Mailbox is read-only");
        }
        if (!box.may('e')) {
            throw ImapException.no("NOPERM", "No right to expunge");
        }
        try {
            box.view.expunge(c.uids() == null ? null : box.uids(c.uids(), true));
        } catch (StoreException e) {
            throw ImapException.of(e);
        }
        s.cache.clear();
        return "EXPUNGE completed";
    }
}
