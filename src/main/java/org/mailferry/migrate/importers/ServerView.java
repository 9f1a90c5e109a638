package org.mailferry.migrate.importers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mailferry.cli.CliClient;
import org.mailferry.data.DataFormat;

/**
 * What the server has, as far as the planner needs to know, read with read-only CLI commands and cached: the main
 * domain, which domains exist, and per domain the names of accounts, forwarders and groups (one command each);
 * per object, on demand, its settings, aliases, forwarder address or group. Writes nothing.
 */
final class ServerView {
    private final CliClient cli;
    private String mainDomain;
    private final Map<String, Boolean> domainExists = new HashMap<>();
    private final Map<String, Set<String>> accounts = new HashMap<>();
    private final Map<String, Set<String>> forwarders = new HashMap<>();
    private final Map<String, Set<String>> groups = new HashMap<>();

    ServerView(CliClient cli) {
        this.cli = cli;
    }

    CliClient cli() {
        return cli;
    }

    String mainDomain() throws IOException {
        if (mainDomain == null) {
            mainDomain = String.valueOf(cli.command("MAINDOMAINNAME")).toLowerCase(Locale.ROOT);
        }
        return mainDomain;
    }

    /** Whether the domain (or a domain alias of that name) exists. */
    boolean domainExists(String domain) throws IOException {
        Boolean b = domainExists.get(domain);
        if (b == null) {
            b = exists("GETDOMAINLOCATION " + q(domain));
            domainExists.put(domain, b);
        }
        return b;
    }

    /** Account names of a domain (lower case); empty for a domain that does not exist. */
    Set<String> accounts(String domain) throws IOException {
        return names(accounts, "LISTACCOUNTS", domain);
    }

    Set<String> forwarders(String domain) throws IOException {
        return names(forwarders, "LISTFORWARDERS", domain);
    }

    Set<String> groups(String domain) throws IOException {
        return names(groups, "LISTGROUPS", domain);
    }

    /** The names a LIST command returns (an array, or a dictionary's keys), cached per domain. */
    private Set<String> names(Map<String, Set<String>> cache, String list, String domain) throws IOException {
        Set<String> s = cache.get(domain);
        if (s == null) {
            Object r = domainExists(domain) ? cli.command(list + " " + q(domain)) : null;
            s = r instanceof Map<?, ?> m ? lower(m.keySet()) : r instanceof List<?> l ? lower(l) : new HashSet<>();
            cache.put(domain, s);
        }
        return s;
    }

    /** The kind of the object named so in the domain ("account", "forwarder", "group"), or null. */
    String kindOf(String name, String domain) throws IOException {
        if (accounts(domain).contains(name)) {
            return "account";
        }
        if (forwarders(domain).contains(name)) {
            return "forwarder";
        }
        return groups(domain).contains(name) ? "group" : null;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> accountSettings(String address) throws IOException {
        return cli.command("GETACCOUNTSETTINGS " + q(address)) instanceof Map<?, ?> m ? (Map<String, Object>) m
                : Map.of();
    }

    List<String> accountAliases(String address) throws IOException {
        List<String> out = new ArrayList<>();
        if (cli.command("GETACCOUNTALIASES " + q(address)) instanceof List<?> l) {
            l.forEach(o -> out.add(String.valueOf(o).toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    String forwarder(String address) throws IOException {
        return String.valueOf(cli.command("GETFORWARDER " + q(address)));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> group(String address) throws IOException {
        return cli.command("GETGROUP " + q(address)) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Whether the account's password is {@code password} (VERIFYACCOUNTPASSWORD). */
    boolean verifies(String address, String password) throws IOException {
        return exists("VERIFYACCOUNTPASSWORD " + q(address) + " PASSWORD " + q(password));
    }

    private boolean exists(String command) throws IOException {
        try {
            cli.command(command);
            return true;
        } catch (CliClient.CliError e) {
            return false;
        }
    }

    private static Set<String> lower(java.util.Collection<?> names) {
        Set<String> s = new HashSet<>();
        names.forEach(o -> s.add(String.valueOf(o).toLowerCase(Locale.ROOT)));
        return s;
    }

    /** A string as a command-line parameter (atom or quoted string). */
    static String q(String s) {
        return DataFormat.print(s);
    }
}
