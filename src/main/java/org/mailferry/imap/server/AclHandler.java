package org.mailferry.imap.server;

import java.io.IOException;
import java.util.Map;
import org.mailferry.directory.Account;
import org.mailferry.imap.proto.ImapCommand;
import org.mailferry.store.QuotaUsage;
import org.mailferry.store.Rights;
import org.mailferry.store.StoreException;

/**
 * ACL (RFC 4314: GETACL, SETACL, DELETEACL, LISTRIGHTS, MYRIGHTS) and QUOTA (RFC 9208: one quota root ""
 * per account with STORAGE in KB and MESSAGE). The owner of a mailbox always has every right.
 */
final class AclHandler {
    private AclHandler() {
    }

    static String identifier(Account a) {
        return a.domain().isMain() ? a.name() : a.address();
    }

    private static MailboxNames.Target adminTarget(ImapSession s, String mailbox) throws ImapException, StoreException {
        State.Authenticated a = s.authenticated();
        MailboxNames.Target t = s.names.resolve(a.account(), a.store(), mailbox);
        if (t.store().info(t.name()) == null) {
            throw ImapException.no("NONEXISTENT", "No such mailbox");
        }
        String rights = MailboxNames.rights(a.account(), t);
        if (rights.indexOf('a') < 0) {
            throw ImapException.no("NOPERM", rights.indexOf('l') < 0 ? "No such mailbox" : "No right to administer");
        }
        return t;
    }

    static String getAcl(ImapSession s, ImapCommand.GetAcl c) throws ImapException, IOException, StoreException {
        MailboxNames.Target t = adminTarget(s, c.mailbox());
        s.out.raw("* ACL ").astring(c.mailbox()).sp().astring(identifier(t.owner())).sp().raw(Rights.ALL);
        for (Map.Entry<String, String> e : t.store().acl(t.name()).entrySet()) {
            s.out.sp().astring(e.getKey()).sp().astring(e.getValue().isEmpty() ? "\"\"" : e.getValue());
        }
        s.out.crlf();
        return "GETACL completed";
    }

    static String setAcl(ImapSession s, String mailbox, String id, String rights)
            throws ImapException, StoreException {
        MailboxNames.Target t = adminTarget(s, mailbox);
        if (id.equalsIgnoreCase(identifier(t.owner()))) {
            throw ImapException.no("CANNOT", "The owner's rights cannot be changed");
        }
        String next = null;
        if (rights != null) {
            String current = t.store().acl(t.name()).getOrDefault(id, "");
            if (rights.startsWith("+")) {
                next = current + rights.substring(1);
            } else if (rights.startsWith("-")) {
                StringBuilder sb = new StringBuilder();
                String drop = Rights.normalize(rights.substring(1));
                for (char ch : Rights.normalize(current).toCharArray()) {
                    if (drop.indexOf(ch) < 0) {
                        sb.append(ch);
                    }
                }
                next = sb.toString();
            } else {
                next = rights;
            }
            if (next.isEmpty()) {
                next = null;
            }
        }
        try {
            t.store().setAcl(t.name(), id, next == null ? null : Rights.normalize(next));
        } catch (StoreException e) {
            throw ImapException.bad(e.getMessage());
        }
        return (rights == null ? "DELETEACL" : "SETACL") + " completed";
    }

    static String listRights(ImapSession s, ImapCommand.ListRights c)
            throws ImapException, IOException, StoreException {
        MailboxNames.Target t = adminTarget(s, c.mailbox());
        s.out.raw("* LISTRIGHTS ").astring(c.mailbox()).sp().astring(c.identifier());
        if (c.identifier().equalsIgnoreCase(identifier(t.owner()))) {
            s.out.sp().raw(Rights.ALL).crlf();
        } else {
            s.out.raw(" \"\" l r s w i p k x t e a").crlf();
        }
        return "LISTRIGHTS completed";
    }

    static String myRights(ImapSession s, ImapCommand.MyRights c) throws ImapException, IOException, StoreException {
        State.Authenticated a = s.authenticated();
        MailboxNames.Target t = s.names.resolve(a.account(), a.store(), c.mailbox());
        String rights = t.store().info(t.name()) == null ? "" : MailboxNames.rights(a.account(), t);
        if (rights.isEmpty()) {
            throw ImapException.no("NONEXISTENT", "No such mailbox");
        }
        s.out.raw("* MYRIGHTS ").astring(c.mailbox()).sp().raw(rights).crlf();
        return "MYRIGHTS completed";
    }

    static String getQuota(ImapSession s, String root) throws ImapException, IOException, StoreException {
        State.Authenticated a = s.authenticated();
        if (!root.isEmpty()) {
            throw ImapException.no("NONEXISTENT", "No such quota root");
        }
        quota(s, a.store().quota());
        return "GETQUOTA completed";
    }

    static String getQuotaRoot(ImapSession s, ImapCommand.GetQuotaRoot c)
            throws ImapException, IOException, StoreException {
        State.Authenticated a = s.authenticated();
        MailboxNames.Target t = s.names.resolve(a.account(), a.store(), c.mailbox());
        s.out.raw("* QUOTAROOT ").astring(c.mailbox()).raw(" \"\"").crlf();
        quota(s, t.store().quota());
        return "GETQUOTAROOT completed";
    }

    private static void quota(ImapSession s, QuotaUsage q) throws IOException {
        StringBuilder sb = new StringBuilder();
        if (q.bytesLimit() >= 0) {
            sb.append("STORAGE ").append((q.bytes() + 1023) / 1024).append(' ').append(q.bytesLimit() / 1024);
        }
        if (q.messageLimit() >= 0) {
            sb.append(sb.isEmpty() ? "" : " ").append("MESSAGE ").append(q.messages()).append(' ')
                    .append(q.messageLimit());
        }
        s.out.untagged("QUOTA \"\" (" + sb + ")");
    }
}
