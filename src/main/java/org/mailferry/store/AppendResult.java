package org.mailferry.store;

import java.util.List;

/**
 * The UIDs given to appended messages, for UIDPLUS's {@code APPENDUID} (RFC 4315 §3).
 *
 * @param uidValidity the target mailbox's UIDVALIDITY
 * @param uids        one UID per appended message, in order
 */
public record AppendResult(long uidValidity, List<Long> uids) {
    public AppendResult {
        uids = List.copyOf(uids);
    }
}
