package org.mailferry.migrate.importers;

import java.util.List;
import java.util.Map;

/**
 * What one input entry asks for: an object that should exist on the server, or the reason the entry cannot be
 * used. The importers make these without talking to the server; the {@link Planner} decides what each means on
 * the server at hand. {@code domain} null means the import's default domain ({@code --domain}, else the main
 * domain). Names are already checked against the naming rules; {@code notes} are remarks for the report
 * ("locked password: imported without a usable password").
 */
public sealed interface Wanted {
    Source source();

    /** An account with these settings (Password already in stored form: clear, or {@code \002} hash). */
    record Account(Source source, String name, String domain, Map<String, Object> settings, List<String> aliases,
                   List<String> notes) implements Wanted {
    }

    /** A forwarder {@code name} → {@code address}. */
    record Forwarder(Source source, String name, String domain, String address, List<String> notes)
            implements Wanted {
    }

    /** A group {@code name} with these members (local names or addresses). */
    record Group(Source source, String name, String domain, String realName, List<String> members,
                 List<String> notes) implements Wanted {
    }

    /** {@code alias} as an account alias of {@code account} (same domain). */
    record Alias(Source source, String alias, String domain, String account, List<String> notes)
            implements Wanted {
    }

    /**
     * A rule in the {@code Rules} setting of {@code account} ({@code (priority, name, conditions, actions)}),
     * replacing a rule of the same name; {@code createAccount}: create the account (without a password) when it
     * does not exist, to hold the rule.
     */
    record Rule(Source source, String account, String domain, List<Object> rule, boolean createAccount,
                List<String> notes) implements Wanted {
        public String ruleName() {
            return String.valueOf(rule.get(1));
        }
    }

    /** Bad input: reported as failed with the reason; nothing is written for it. */
    record Invalid(Source source, String object, String reason) implements Wanted {
    }

    /** Good input that has no equivalent here: reported (skipped) with the reason. */
    record Unmapped(Source source, String object, String reason) implements Wanted {
    }
}
