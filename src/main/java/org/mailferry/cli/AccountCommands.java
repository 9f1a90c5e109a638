package org.mailferry.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mailferry.directory.Account;
import org.mailferry.directory.AccountSettings;
import org.mailferry.directory.AccountType;
import org.mailferry.directory.Directory;
import org.mailferry.directory.Domain;

/** The account commands of the CLI (reference §1.2). */
final class AccountCommands {
    private AccountCommands() {
    }

    static Object listAccounts(CliContext c, Args a) {
        String dn = a.optionalString();
        a.end();
        Domain d = dn == null ? c.directory().mainDomain() : c.directory().domain(dn);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String n : d.accountNames()) {
            out.put(n, "macnt"); // every account is a folder NAME.macnt (docs/layout.md)
        }
        return out;
    }

    /** {@code CREATEACCOUNT name [type] [PATH storage] [LEGACY|external] [settings]} (keywords in any order). */
    static Object createAccount(CliContext c, Args a) {
        String name = a.string("account name");
        AccountType type = null;
        boolean legacy = false;
        while (true) {
            String w = a.peekWord();
            if (w == null) {
                break;
            }
            AccountType t = AccountType.fromKeyword(w);
            if (t != null && type == null) {
                a.keyword(w);
                type = t;
            } else if (w.equals("LEGACY") || w.equals("EXTERNAL")) {
                a.keyword(w);
                legacy = true;
            } else if (w.equals("PATH")) {
                a.keyword(w);
                a.string("storage path"); // storage mount points are not supported
            } else if (w.equals("SLICEDMAILBOX")) {
                throw new CliException("CREATEACCOUNT: SlicedMailbox accounts are not supported");
            } else {
                throw new CliException("CREATEACCOUNT: unknown account type or keyword " + w
                        + " (expected MultiMailbox, TextMailbox, MailDirMailbox, PATH, LEGACY or a settings dictionary)");
            }
        }
        Map<String, Object> settings = a.nextIsDictionary() ? a.dictionary("account settings") : Map.of();
        a.end();
        Directory.Target t = c.directory().target(name);
        t.domain().createAccount(t.name(), type, legacy, settings);
        return null;
    }

    static Object renameAccount(CliContext c, Args a) {
        String from = a.string("account name");
        a.require("INTO");
        String to = a.string("new account name");
        if (a.keyword("PATH")) {
            a.string("storage path");
        }
        a.end();
        c.directory().renameAccount(from, to);
        return null;
    }

    static Object deleteAccount(CliContext c, Args a) {
        String name = a.string("account name");
        a.end();
        Directory.Target t = c.directory().target(name);
        if (t.domain().isMain() && t.domain().account(t.name()).name().equals("postmaster")) {
            throw new CliException("the postmaster account of the main domain cannot be deleted");
        }
        t.domain().deleteAccount(t.name());
        return null;
    }

    static Object getAccountSettings(CliContext c, Args a) {
        Account acc = c.account(a.string("account name"));
        a.end();
        return acc.settings();
    }

    static Object getAccountEffectiveSettings(CliContext c, Args a) {
        Account acc = c.account(a.string("account name"));
        a.end();
        return acc.effectiveSettings();
    }

    static Object updateAccountSettings(CliContext c, Args a, boolean replace) {
        Account acc = c.account(a.string("account name"));
        Map<String, Object> s = a.dictionary("account settings");
        a.end();
        if (replace) {
            acc.replaceSettings(s);
        } else {
            acc.updateSettings(s);
        }
        return null;
    }

    /** {@code SETACCOUNTPASSWORD name PASSWORD pw [METHOD m] [CHECK]}, or the older {@code name TO pw}. */
    static Object setAccountPassword(CliContext c, Args a) {
        Account acc = c.account(a.string("account name"));
        if (!a.keyword("PASSWORD") && !a.keyword("TO")) {
            throw new CliException("SETACCOUNTPASSWORD: expected PASSWORD (or TO) after the account name");
        }
        String pw = a.string("password");
        if (a.keyword("METHOD")) {
            String m = a.string("method");
            throw new CliException("SETACCOUNTPASSWORD: METHOD " + m + " (alternative passwords) is not supported");
        }
        a.keyword("CHECK");
        a.end();
        if (!c.admin() && !AccountSettings.yes(acc.effectiveSettings(), "CanModifyPassword")) {
            throw new CliException("you are not allowed to change your password");
        }
        acc.setPassword(pw);
        return null;
    }

    static Object verifyAccountPassword(CliContext c, Args a) {
        Account acc = c.account(a.string("account name"));
        if (!a.keyword("PASSWORD") && !a.keyword("TO")) {
            throw new CliException("VERIFYACCOUNTPASSWORD: expected PASSWORD after the account name");
        }
        String pw = a.string("password");
        a.end();
        if (!acc.verifyPassword(pw)) {
            throw new CliException("incorrect password");
        }
        return null;
    }

    static Object getAccountAliases(CliContext c, Args a) {
        Account acc = c.account(a.string("account name"));
        a.end();
        return acc.domain().accountAliases(acc.name());
    }

    static Object setAccountAliases(CliContext c, Args a) {
        Account acc = c.account(a.string("account name"));
        List<String> aliases = a.nextIsArray() || !a.atEnd() ? a.stringArray("aliases") : List.of();
        a.end();
        acc.domain().setAccountAliases(acc.name(), aliases);
        return null;
    }

    static Object getAccountLocation(CliContext c, Args a) {
        Account acc = c.account(a.string("account name"));
        a.end();
        return c.directory().layout().base().relativize(acc.dir()) + "/";
    }

    static Object getAccountRights(CliContext c, Args a) {
        Account acc = c.account(a.string("account name"));
        a.end();
        return acc.rights();
    }

    static Object setAccountRights(CliContext c, Args a) {
        Account acc = c.account(a.string("account name"));
        List<String> rights = a.nextIsArray() ? a.stringArray("rights") : List.of();
        a.end();
        acc.setRights(rights);
        return null;
    }

    /** {@code PASSWORDCENSUS [domain]}: how many accounts store their password in each scheme. */
    static Object passwordCensus(CliContext c, Args a) {
        String dn = a.optionalString();
        a.end();
        List<Domain> domains = dn == null
                ? c.directory().domainNames().stream().map(c.directory()::domain).toList()
                : List.of(c.directory().domain(dn));
        Map<String, Long> counts = new TreeMap<>();
        for (Domain d : domains) {
            for (String n : d.accountNames()) {
                Object pw = d.account(n).settings().get(AccountSettings.PASSWORD);
                String scheme = pw instanceof String s && !s.isEmpty()
                        ? c.directory().passwords().schemeName(s) : "none";
                counts.merge(scheme, 1L, Long::sum);
            }
        }
        return new LinkedHashMap<String, Object>(counts);
    }
}
