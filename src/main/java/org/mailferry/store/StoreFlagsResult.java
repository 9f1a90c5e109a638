package org.mailferry.store;

import java.util.List;

/**
 * The outcome of a STORE (RFC 3501 §6.4.6) with CONDSTORE's {@code UNCHANGEDSINCE} (RFC 7162 §3.1.3).
 *
 * @param updated  messages whose flags were changed, with their new flags and mod-sequence
 * @param modified UIDs not changed because their mod-sequence was above {@code unchangedSince}
 *                 (the {@code [MODIFIED]} response code)
 */
public record StoreFlagsResult(List<MessageInfo> updated, List<Long> modified) {
    public StoreFlagsResult {
        updated = List.copyOf(updated);
        modified = List.copyOf(modified);
    }
}
