package org.mailferry.store;

import java.util.List;

/**
 * The UID mapping of a COPY or MOVE, for UIDPLUS's {@code COPYUID} (RFC 4315 §3, RFC 6851 §4.3).
 *
 * @param uidValidity the target mailbox's UIDVALIDITY
 * @param sourceUids  the source UIDs that were copied, ascending
 * @param targetUids  their new UIDs in the target, in the same order
 */
public record CopyResult(long uidValidity, List<Long> sourceUids, List<Long> targetUids) {
    public CopyResult {
        sourceUids = List.copyOf(sourceUids);
        targetUids = List.copyOf(targetUids);
        if (sourceUids.size() != targetUids.size()) {
            throw new IllegalArgumentException("source and target UID lists differ in length");
        }
    }
}
