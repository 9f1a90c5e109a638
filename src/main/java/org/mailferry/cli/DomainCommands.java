package org.mailferry.cli;

import java.util.Map;
import org.mailferry.directory.Domain;

/** The domain commands of the CLI (reference §1.2): list, create, rename, delete, settings, aliases, template. */
final class DomainCommands {
    private DomainCommands() {
    }

    static Object listDomains(CliContext c, Args a) {
        a.end();
        return c.directory().domainNames();
    }

    static Object mainDomainName(CliContext c, Args a) {
        a.end();
        return c.directory().mainDomain().name();
    }

    static Object createDomain(CliContext c, Args a) {
        String name = a.string("domain name");
        a.keyword("SHARED");
        if (a.keyword("PATH")) {
            a.string("storage path"); // storage mount points are not supported: all domains live in Domains/
        }
        Map<String, Object> settings = a.nextIsDictionary() ? a.dictionary("domain settings") : Map.of();
        a.end();
        c.directory().createDomain(name, settings);
        return null;
    }

    static Object renameDomain(CliContext c, Args a) {
        String from = a.string("domain name");
        a.require("INTO");
        String to = a.string("new domain name");
        if (a.keyword("PATH")) {
            a.string("storage path");
        }
        a.end();
        c.directory().renameDomain(from, to);
        return null;
    }

    static Object deleteDomain(CliContext c, Args a) {
        String name = a.string("domain name");
        boolean force = a.keyword("FORCE");
        a.end();
        c.directory().deleteDomain(name, force);
        return null;
    }

    /** An optional leading domain name: present unless the next parameter is a dictionary or the line ends. */
    private static Domain optionalDomain(CliContext c, Args a) {
        String name = a.optionalString();
        return name == null ? c.directory().mainDomain() : c.directory().domain(name);
    }

    static Object getDomainSettings(CliContext c, Args a) {
        Domain d = optionalDomain(c, a);
        a.end();
        return d.settings();
    }

    static Object updateDomainSettings(CliContext c, Args a, boolean replace) {
        Domain d = optionalDomain(c, a);
        Map<String, Object> s = a.dictionary("domain settings");
        a.end();
        d.updateSettings(s, replace);
        return null;
    }

    static Object getDomainAliases(CliContext c, Args a) {
        Domain d = optionalDomain(c, a);
        a.end();
        return d.domainAliases();
    }

    static Object setDomainAliases(CliContext c, Args a) {
        String name = a.string("domain name");
        var aliases = a.stringArray("domain aliases");
        a.end();
        c.directory().setDomainAliases(name, aliases);
        return null;
    }

    static Object getDomainLocation(CliContext c, Args a) {
        Domain d = optionalDomain(c, a);
        a.end();
        return d.isMain() ? "Accounts/" : "Domains/" + d.name() + "/";
    }

    static Object getAccountTemplate(CliContext c, Args a) {
        Domain d = optionalDomain(c, a);
        a.end();
        return d.accountTemplate();
    }

    static Object updateAccountTemplate(CliContext c, Args a, boolean replace) {
        Domain d = optionalDomain(c, a);
        Map<String, Object> s = a.dictionary("account template");
        a.end();
        d.updateAccountTemplate(s, replace);
        return null;
    }

    static Object getAccountDefaults(CliContext c, Args a) {
        Domain d = optionalDomain(c, a);
        a.end();
        return d.accountDefaults();
    }

    static Object updateAccountDefaults(CliContext c, Args a, boolean replace) {
        Domain d = optionalDomain(c, a);
        Map<String, Object> s = a.dictionary("account defaults");
        a.end();
        d.updateAccountDefaults(s, replace);
        return null;
    }
}
