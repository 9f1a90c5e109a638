package org.mailferry.imap.server;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailferry.access.MailAccess;
import org.mailferry.directory.Account;
import org.mailferry.imap.proto.ModifiedUtf7;
import org.mailferry.store.AccountStore;
import org.mailferry.store.Rights;
import org.mailferry.store.StoreException;

/**
 * Mailbox names between the wire and the store (RFC 3501 §5.1): modified UTF-7 decoding, the hierarchy
 * delimiter {@code /}, and the namespaces (RFC 2342) — personal names as they are, other users' mailboxes as
 * {@code ~user/mailbox}, and the shared namespace {@code #shared/mailbox}: the mailboxes of the account named
 * by the user's domain setting {@code SharedFolders}. Outside the personal namespace a user has the rights the
 * mailbox's ACL grants (RFC 4314 §4); the owner always has them all. Does not list anything (see ListHandler).
 */
final class MailboxNames {
    static final char DELIMITER = '/';
    static final String OTHER_USERS = "~";
    /** The shared namespace's prefix, without its delimiter. */
    static final String SHARED = "#shared";
    /** The domain setting naming the account whose mailboxes form the shared namespace. */
    static final String SHARED_SETTING = "SharedFolders";

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

    static String encodeShared(String name) {
        return encode(SHARED + DELIMITER + name);
    }

    /** Whether a decoded name lies in the shared namespace (or is its prefix). */
    static boolean isShared(String name) {
        return name.equals(SHARED) || name.startsWith(SHARED + DELIMITER);
    }

    /**
     * The name under which a subscription is kept in the user's store. The store's subscription file takes
     * lines starting with {@code #} for comments, so {@code #shared/x} is kept as {@code ~#shared/x} (no account
     * can be called {@code #shared}, so the name is not taken).
     */
    static String subscriptionKey(String name) {
        return isShared(name) ? OTHER_USERS + name : name;
    }

    /** The subscribed names of a store, with {@link #subscriptionKey} undone. */
    static Set<String> subscriptions(AccountStore store) throws StoreException {
        Set<String> out = new HashSet<>();
        for (String key : store.subscriptions()) {
            out.add(key.startsWith(OTHER_USERS + SHARED) ? key.substring(1) : key);
        }
        return out;
    }

    /**
     * The account whose mailboxes form {@code user}'s shared namespace: the {@code SharedFolders} setting of
     * the user's domain, a name in that domain or {@code name@domain}; empty when unset or unknown.
     */
    Optional<Account> sharedOwner(Account user) {
        Object v = user.domain().settings().get(SHARED_SETTING);
        String who = v == null ? "" : String.valueOf(v).strip();
        if (who.isEmpty()) {
            return Optional.empty();
        }
        return access.account(who.contains("@") ? who : who + "@" + user.domain().name());
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
        if (isShared(name)) {
            String rest = name.length() > SHARED.length() ? name.substring(SHARED.length() + 1) : "";
            Optional<Account> owner = sharedOwner(user);
            if (owner.isEmpty() || rest.isEmpty()) {
                throw ImapException.no("NONEXISTENT", "No such mailbox");
            }
            return foreign(user, own, owner.get(), rest, wire);
        }
        if (name.startsWith(OTHER_USERS) && name.length() > 1) {
            int slash = name.indexOf(DELIMITER);
            String who = slash < 0 ? name.substring(1) : name.substring(1, slash);
            String rest = slash < 0 ? "" : name.substring(slash + 1);
            Optional<Account> owner = access.account(who);
            if (owner.isEmpty() || rest.isEmpty()) {
                throw ImapException.no("NONEXISTENT", "No such mailbox");
            }
            return foreign(user, own, owner.get(), rest, wire);
        }
        return new Target(user, own, name, true, wire);
    }

    /** A mailbox of {@code owner} (which may be the user). */
    private Target foreign(Account user, AccountStore own, Account owner, String rest, String wire)
            throws ImapException {
        if (owner.address().equalsIgnoreCase(user.address())) {
            return new Target(user, own, rest, true, wire);
        }
        try {
            return new Target(owner, access.store(owner), rest, false, wire);
        } catch (StoreException e) {
            throw ImapException.of(e);
        }
    }

    /** The rights {@code user} has on the target (all for one's own mailboxes). */
    static String rights(Account user, Target t) throws StoreException {
        if (t.own()) {
            return Rights.ALL;
        }
        return rightsFrom(t.store().acl(t.name()), user);
    }

    /**
     * Checks that {@code user} may insert into the target (APPEND, COPY, MOVE): a mailbox that does not exist
     * or that the user may neither see nor insert into is answered {@code TRYCREATE} alike, so that its
     * existence is not revealed (RFC 4314 §6).
     */
    static void checkInsert(Account user, Target t, String what) throws ImapException, StoreException {
        String rights = t.store().info(t.name()) == null ? "" : rights(user, t);
        if (rights.indexOf('l') < 0 && rights.indexOf('i') < 0) {
            throw ImapException.no("TRYCREATE", "No such mailbox");
        }
        if (rights.indexOf('i') < 0) {
            throw ImapException.no("NOPERM", "No right to " + what + " this mailbox");
        }
    }

    /**
     * Rights from an ACL for {@code user}: its own entry, "anyone" and "authenticated" (every IMAP user is
     * authenticated), minus negative entries.
     */
    static String rightsFrom(Map<String, String> acl, Account user) {
        StringBuilder have = new StringBuilder();
        StringBuilder minus = new StringBuilder();
        for (Map.Entry<String, String> e : acl.entrySet()) {
            String id = e.getKey();
            boolean neg = id.startsWith("-");
            String bare = neg ? id.substring(1) : id;
            if (bare.equalsIgnoreCase("anyone") || bare.equalsIgnoreCase("authenticated")
                    || bare.equalsIgnoreCase(user.address())
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
