package org.mailferry.cli;

import java.util.Map;
import org.mailferry.directory.Directory;
import org.mailferry.directory.Domain;

/** Forwarder, group and server-settings commands of the CLI (reference §1.2). */
final class ObjectCommands {
    private ObjectCommands() {
    }

    private static Domain optionalDomain(CliContext c, Args a) {
        String name = a.optionalString();
        a.end();
        return name == null ? c.directory().mainDomain() : c.directory().domain(name);
    }

    static Object listForwarders(CliContext c, Args a) {
        return optionalDomain(c, a).forwarderNames();
    }

    static Object createForwarder(CliContext c, Args a) {
        String name = a.string("forwarder name");
        a.require("TO");
        String address = a.string("address");
        a.end();
        Directory.Target t = c.directory().target(name);
        t.domain().createForwarder(t.name(), address);
        return null;
    }

    static Object deleteForwarder(CliContext c, Args a) {
        String name = a.string("forwarder name");
        a.end();
        Directory.Target t = c.directory().target(name);
        t.domain().deleteForwarder(t.name());
        return null;
    }

    static Object getForwarder(CliContext c, Args a) {
        String name = a.string("forwarder name");
        a.end();
        Directory.Target t = c.directory().target(name);
        return t.domain().forwarder(t.name()).address();
    }

    static Object listGroups(CliContext c, Args a) {
        return optionalDomain(c, a).groupNames();
    }

    static Object createGroup(CliContext c, Args a) {
        String name = a.string("group name");
        Map<String, Object> s = a.nextIsDictionary() ? a.dictionary("group settings") : Map.of();
        a.end();
        Directory.Target t = c.directory().target(name);
        t.domain().createGroup(t.name(), s);
        return null;
    }

    static Object getGroup(CliContext c, Args a) {
        String name = a.string("group name");
        a.end();
        Directory.Target t = c.directory().target(name);
        return t.domain().group(t.name());
    }

    static Object setGroup(CliContext c, Args a) {
        String name = a.string("group name");
        Map<String, Object> s = a.dictionary("group settings");
        a.end();
        Directory.Target t = c.directory().target(name);
        t.domain().setGroup(t.name(), s);
        return null;
    }

    static Object deleteGroup(CliContext c, Args a) {
        String name = a.string("group name");
        a.end();
        Directory.Target t = c.directory().target(name);
        t.domain().deleteGroup(t.name());
        return null;
    }

    static Object getServerSettings(CliContext c, Args a) {
        a.end();
        return c.directory().serverSettings();
    }

    static Object updateServerSettings(CliContext c, Args a) {
        Map<String, Object> s = a.dictionary("server settings");
        a.end();
        c.directory().updateServerSettings(s);
        return null;
    }
}
