package org.mailferry.directory;

/**
 * An object in a domain's one name space: accounts, account aliases, forwarders and groups (and, later,
 * mailing lists) never share a name within a domain.
 */
public sealed interface DomainObject permits Account, DomainObject.Alias, DomainObject.Forwarder, DomainObject.Group {
    /** The canonical (lower-case) name. */
    String name();

    /** What kind of object this is, in the words error messages use. */
    String kind();

    /** An account alias: another name of {@code account}, for mail and for login. */
    record Alias(String name, String account) implements DomainObject {
        @Override
        public String kind() {
            return "account alias";
        }
    }

    /** A forwarder: mail to {@code name} is redirected to {@code address}. */
    record Forwarder(String name, String address) implements DomainObject {
        @Override
        public String kind() {
            return "forwarder";
        }
    }

    /** A group: mail to {@code name} goes to every member; its settings are read on demand. */
    record Group(String name) implements DomainObject {
        @Override
        public String kind() {
            return "group";
        }
    }
}
