package org.mailferry.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailferry.directory.Account;
import org.mailferry.directory.Directory;
import org.mailferry.directory.Domain;
import org.mailferry.directory.DomainObject;
import org.mailferry.smtp.proto.MailAddress;

/**
 * Routes through the directory (the seed's "Migrating from sendmail" list): an account name or account alias
 * delivers to the account; a forwarder redirects to its address (routed again, possibly remote); a group sends
 * to each member (a bare name is in the group's domain). Expansion stops at {@value #MAX_DEPTH} levels (a loop).
 * Any domain that is neither ours nor an alias of ours is remote. {@code postmaster} without a domain is the
 * main domain's (RFC 5321 §4.5.1).
 */
public final class DirectoryRouter implements Router {
    static final int MAX_DEPTH = 10;
    static final int MAX_ROUTES = 1000;

    private final Directory directory;

    public DirectoryRouter(Directory directory) {
        this.directory = directory;
    }

    @Override
    public boolean isLocalDomain(String domain) {
        return domain.isEmpty() || directory.findDomain(domain).isPresent();
    }

    @Override
    public Result route(MailAddress address) {
        Map<String, Route> out = new LinkedHashMap<>();
        Optional<Domain> d = domain(address);
        if (d.isEmpty()) {
            return new Result.Deliver(List.of(new Route.Remote(address)), false);
        }
        Boolean ok = expand(address, out, 0);
        if (ok == null) {
            return new Result.Loop();
        }
        if (!ok) {
            return new Result.Unknown();
        }
        return new Result.Deliver(new ArrayList<>(out.values()), true);
    }

    private Optional<Domain> domain(MailAddress a) {
        if (a.domain().isEmpty()) {
            return Optional.of(directory.mainDomain());
        }
        if (a.domain().startsWith("[")) {
            return Optional.empty();
        }
        return directory.findDomain(a.domain());
    }

    /** Adds the routes of {@code a}; false when unknown, null on a loop or too much expansion. */
    private Boolean expand(MailAddress a, Map<String, Route> out, int depth) {
        if (depth > MAX_DEPTH || out.size() > MAX_ROUTES) {
            return null;
        }
        Optional<Domain> dom = domain(a);
        if (dom.isEmpty()) {
            out.putIfAbsent("remote:" + a.address().toLowerCase(java.util.Locale.ROOT), new Route.Remote(a));
            return true;
        }
        Domain d = dom.get();
        Optional<DomainObject> obj;
        try {
            obj = d.find(a.localPart());
        } catch (RuntimeException e) {
            return false; // not a valid object name
        }
        if (obj.isEmpty()) {
            return false;
        }
        return switch (obj.get()) {
            case Account acc -> {
                out.putIfAbsent("local:" + acc.address(), new Route.Local(acc));
                yield true;
            }
            case DomainObject.Alias al -> {
                Optional<Account> acc = d.findAccount(al.account());
                acc.ifPresent(x -> out.putIfAbsent("local:" + x.address(), new Route.Local(x)));
                yield acc.isPresent();
            }
            case DomainObject.Forwarder f -> {
                MailAddress target = parse(f.address(), d);
                yield target == null ? Boolean.FALSE : expand(target, out, depth + 1);
            }
            case DomainObject.Group g -> {
                Object members = d.group(g.name()).get("Members");
                if (members instanceof List<?> list) {
                    for (Object m : list) {
                        MailAddress target = parse(String.valueOf(m), d);
                        if (target == null) {
                            continue;
                        }
                        Boolean r = expand(target, out, depth + 1);
                        if (r == null) {
                            yield null;
                        }
                    }
                }
                yield true;
            }
        };
    }

    /** A forwarder target or group member: {@code name} (same domain) or {@code local@domain}. */
    private static MailAddress parse(String s, Domain d) {
        String t = s.strip();
        if (t.startsWith("<") && t.endsWith(">")) {
            t = t.substring(1, t.length() - 1);
        }
        int at = t.lastIndexOf('@');
        try {
            return at < 0 ? new MailAddress(t, d.name()) : MailAddress.parse(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
