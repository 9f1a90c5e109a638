package org.mailferry.delivery;

import java.util.List;
import org.mailferry.smtp.proto.MailAddress;

/**
 * Resolves an address to where copies go. The directory router knows accounts, aliases, forwarders and groups;
 * the full CommuniGate-style Router (records, rules, lists) will implement this same interface.
 */
public interface Router {
    /** The result of routing one address. */
    sealed interface Result {
        /** The address is valid here; its copies go to {@code routes} (deduplicated; may be empty for a group). */
        record Deliver(List<Route> routes, boolean localDomain) implements Result {
        }

        /** The domain is ours but nobody has this name: 550 5.1.1. */
        record Unknown() implements Result {
        }

        /** The address expands into a loop or too deep: 554 5.4.6. */
        record Loop() implements Result {
        }
    }

    Result route(MailAddress address);

    /** Whether the domain is one of ours (or an alias of one). */
    boolean isLocalDomain(String domain);
}
