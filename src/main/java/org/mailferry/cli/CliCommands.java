package org.mailferry.cli;

import static org.mailferry.cli.Command.Access.ADMIN;
import static org.mailferry.cli.Command.Access.USER;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Every CLI command, in one list (keywords are case-insensitive). See docs/cli.md for each. */
final class CliCommands {
    private static final Map<String, Command> COMMANDS = new TreeMap<>();

    static {
        // domains
        add("LISTDOMAINS", ADMIN, DomainCommands::listDomains);
        add("MAINDOMAINNAME", USER, DomainCommands::mainDomainName);
        add("CREATEDOMAIN", ADMIN, DomainCommands::createDomain);
        add("RENAMEDOMAIN", ADMIN, DomainCommands::renameDomain);
        add("DELETEDOMAIN", ADMIN, DomainCommands::deleteDomain);
        add("GETDOMAINSETTINGS", ADMIN, DomainCommands::getDomainSettings);
        add("UPDATEDOMAINSETTINGS", ADMIN, (c, a) -> DomainCommands.updateDomainSettings(c, a, false));
        add("SETDOMAINSETTINGS", ADMIN, (c, a) -> DomainCommands.updateDomainSettings(c, a, true));
        add("GETDOMAINALIASES", ADMIN, DomainCommands::getDomainAliases);
        add("SETDOMAINALIASES", ADMIN, DomainCommands::setDomainAliases);
        add("GETDOMAINLOCATION", ADMIN, DomainCommands::getDomainLocation);
        add("GETACCOUNTTEMPLATE", ADMIN, DomainCommands::getAccountTemplate);
        add("UPDATEACCOUNTTEMPLATE", ADMIN, (c, a) -> DomainCommands.updateAccountTemplate(c, a, false));
        add("SETACCOUNTTEMPLATE", ADMIN, (c, a) -> DomainCommands.updateAccountTemplate(c, a, true));
        add("GETACCOUNTDEFAULTS", ADMIN, DomainCommands::getAccountDefaults);
        add("UPDATEACCOUNTDEFAULTS", ADMIN, (c, a) -> DomainCommands.updateAccountDefaults(c, a, false));
        add("SETACCOUNTDEFAULTS", ADMIN, (c, a) -> DomainCommands.updateAccountDefaults(c, a, true));
        // accounts
        add("LISTACCOUNTS", ADMIN, AccountCommands::listAccounts);
        add("CREATEACCOUNT", ADMIN, AccountCommands::createAccount);
        add("RENAMEACCOUNT", ADMIN, AccountCommands::renameAccount);
        add("DELETEACCOUNT", ADMIN, AccountCommands::deleteAccount);
        add("GETACCOUNTSETTINGS", USER, AccountCommands::getAccountSettings);
        add("GETACCOUNTEFFECTIVESETTINGS", USER, AccountCommands::getAccountEffectiveSettings);
        add("UPDATEACCOUNTSETTINGS", ADMIN, (c, a) -> AccountCommands.updateAccountSettings(c, a, false));
        add("SETACCOUNTSETTINGS", ADMIN, (c, a) -> AccountCommands.updateAccountSettings(c, a, true));
        add("SETACCOUNTPASSWORD", USER, AccountCommands::setAccountPassword);
        add("VERIFYACCOUNTPASSWORD", USER, AccountCommands::verifyAccountPassword);
        add("GETACCOUNTALIASES", USER, AccountCommands::getAccountAliases);
        add("SETACCOUNTALIASES", ADMIN, AccountCommands::setAccountAliases);
        add("GETACCOUNTLOCATION", ADMIN, AccountCommands::getAccountLocation);
        add("GETACCOUNTRIGHTS", ADMIN, AccountCommands::getAccountRights);
        add("SETACCOUNTRIGHTS", ADMIN, AccountCommands::setAccountRights);
        add("PASSWORDCENSUS", ADMIN, AccountCommands::passwordCensus);
        // forwarders and groups
        add("LISTFORWARDERS", ADMIN, ObjectCommands::listForwarders);
        add("CREATEFORWARDER", ADMIN, ObjectCommands::createForwarder);
        add("DELETEFORWARDER", ADMIN, ObjectCommands::deleteForwarder);
        add("GETFORWARDER", ADMIN, ObjectCommands::getForwarder);
        add("LISTGROUPS", ADMIN, ObjectCommands::listGroups);
        add("CREATEGROUP", ADMIN, ObjectCommands::createGroup);
        add("GETGROUP", ADMIN, ObjectCommands::getGroup);
        add("SETGROUP", ADMIN, ObjectCommands::setGroup);
        add("DELETEGROUP", ADMIN, ObjectCommands::deleteGroup);
        // server
        add("GETSERVERSETTINGS", ADMIN, ObjectCommands::getServerSettings);
        add("UPDATESERVERSETTINGS", ADMIN, ObjectCommands::updateServerSettings);
    }

    private CliCommands() {
    }

    private static void add(String name, Command.Access access, Command.Handler handler) {
        COMMANDS.put(name, new Command(name, access, handler));
    }

    /** The command for a keyword (any case), or null. */
    static Command find(String keyword) {
        return COMMANDS.get(keyword.toUpperCase(Locale.ROOT));
    }

    static java.util.Set<String> names() {
        return COMMANDS.keySet();
    }
}
