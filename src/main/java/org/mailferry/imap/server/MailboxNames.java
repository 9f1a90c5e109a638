package org.mailferry.imap.server;

import java.util.Map;
import java.util.Optional;
import org.mailferry.access.MailAccess;
import org.mailferry.directory.Account;
import org.mailferry.imap.proto.ModifiedUtf7;
import org.mailferry.store.AccountStore;
import org.mailferry.store.Rights;
import org.mailferry.store.StoreException;

/**
 * Mailbox names between the wire and the store (RFC 3501 §5.1): modified UTF-7 decoding, the hierarchy
 * delimiter {@code /}, and the namespaces (RFC 2342) — personal names as they are, other users' mailboxes as
 * {@code ~user/mailbox} with the rights their ACL grants (RFC 4314 §4).
 */
final class MailboxNames {
    static final char DELIMITER = '/';
    static final String OTHER_USERS = "~";

    private final MailAccess access;

    MailboxNames(MailAccess access) {
        this.access = access;
    }

    /** A mailbox resolved for the logged-in user: whose store, the name there, and the user's rights. */
    record Target(Account owner, AccountStore store, String name, boolean own, String wire) {
    }

    /** The wire form of a store name. */
    static String encode(String name) {
        return ModifiedUtf7.encode(name);
    }

    static String encodeOther(Account owner, String name) {
        return encode(OTHER_USERS + owner.name() + (owner.domain().isMain() ? "" : "@" + owner.domain().name())
                + DELIMITER + name);
    }

    /** Decodes a wire name; a malformed one is a BAD. */
    static String decode(String wire) throws ImapException {
        try {
            return ModifiedUtf7.decode(wire);
        } catch (IllegalArgumentException e) {
            throw ImapException.bad(e.getMessage());
        }
    }

    /** Resolves a wire name for {@code user}. */
    Target resolve(Account user, AccountStore own, String wire) throws ImapException {
        String name = decode(wire);
        if (name.startsWith(OTHER_USERS) && name.length() > 1) {
            int slash = name.indexOf(DELIMITER);
            String who = slash < 0 ? name.substring(1) : name.substring(1, slash);
            String rest = slash < 0 ? "" : name.substring(slash + 1);
            Optional<Account> owner = access.account(who);
            if (owner.isEmpty() || rest.isEmpty()) {
                throw ImapException.no("NONEXISTENT", "No such mailbox");
            }
            if (owner.get().address().equalsIgnoreCase(user.address())) {
                return new Target(user, own, rest, true, wire);
            }
            try {
                return new Target(owner.get(), access.store(owner.get()), rest, false, wire);
            } catch (StoreException e) {
                throw ImapException.of(e);
            }
        }
        return new Target(user, own, name, true, wire);
    }

    /** The rights {@code user} has on the target (all for one's own mailboxes). */
    static String rights(Account user, Target t) throws StoreException {
        if (t.own()) {
            return Rights.ALL;
        }
        return rightsFrom(t.store().acl(t.name()), user);
    }

    /** Rights from an ACL for {@code user}: its own entry and "anyone", minus negative entries. */
    static String rightsFrom(Map<String, String> acl, Account user) {
        StringBuilder have = new StringBuilder();
        StringBuilder minus = new StringBuilder();
        for (Map.Entry<String, String> e : acl.entrySet()) {
            String id = e.getKey();
            boolean neg = id.startsWith("-");
            String bare = neg ? id.substring(1) : id;
            if (bare.equalsIgnoreCase("anyone") || bare.equalsIgnoreCase(user.address())
                    || bare.equalsIgnoreCase(user.name()) && user.domain().isMain()) {
                (neg ? minus : have).append(e.getValue());
            }
        }
        StringBuilder out = new StringBuilder();
        for (char c : Rights.ALL.toCharArray()) {
            if (have.indexOf(String.valueOf(c)) >= 0 && minus.indexOf(String.valueOf(c)) < 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Special-use attribute (RFC 6154) derived from well-known names, or null. */
    static String specialUse(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return switch (n) {
            case "sent", "sent items", "sent messages", "sent mail" -> "\\Sent";
            case "drafts", "draft" -> "\\Drafts";
            case "trash", "deleted items", "deleted messages", "bin" -> "\\Trash";
            case "junk", "spam", "junk e-mail", "junk email" -> "\\Junk";
            case "archive", "archives" -> "\\Archive";
            default -> null;
        };
    }
}
