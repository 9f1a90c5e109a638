package org.mailferry.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.mailferry.imap.client.ImapCommandException;
import org.mailferry.imap.client.ImapConnection;
import org.mailferry.imap.client.ImapMailboxes;
import org.mailferry.imap.client.ImapValue;

/**
 * Resolves journal intents left without outcome by a killed run (see {@link Journal}). For one target
 * mailbox it reads the hashes of the target's messages at or above the lowest recorded UIDNEXT, takes
 * away those that completed copies already account for, and marks each pending intent copied when an
 * unclaimed message with its content is there — counting, so identical messages are matched one to one —
 * otherwise abandoned (it will be copied again). Works without UIDPLUS. Assumes nothing else appends
 * byte-identical messages to the same target mailbox during the migration.
 */
final class PendingRecovery {
    private PendingRecovery() { }

    /** Returns how many pending intents were found already on the target. */
    static int resolve(ImapConnection tgt, String targetBox, Journal journal) throws IOException, ImapCommandException {
        List<Journal.Intent> pending = journal.pendingFor(targetBox);
        if (pending.isEmpty()) return 0;
        long minW = pending.stream().mapToLong(Journal.Intent::watermark).min().orElseThrow();
        long[] st = ImapMailboxes.status(tgt, targetBox);
        pending.sort(Comparator.comparingLong(Journal.Intent::uid));
        Map<String, Integer> landed = new HashMap<>();
        boolean sameBox = pending.stream().allMatch(i -> i.targetUidValidity() == st[2]);
        if (sameBox && st[0] > 0) {
            ImapMailboxes.select(tgt, targetBox, true);
            String tag = tgt.submitRaw("UID FETCH " + Math.max(1, minW) + ":* (UID BODY.PEEK[])");
            tgt.await(tag, PendingRecovery::hash, r -> {
                if (!r.kind().equals("FETCH") || r.values().isEmpty()) return;
                if (r.values().get(0) instanceof ImapValue.ListVal l) {
                    for (int i = 0; i + 1 < l.items().size(); i += 2) {
                        if (l.items().get(i + 1) instanceof ImapValue.Taken t && t.handle() instanceof String sha) {
                            landed.merge(sha, 1, Integer::sum);
                        }
                    }
                }
            });
            tgt.run(tgt.has("UNSELECT") ? "UNSELECT" : "CLOSE", r -> { });
        }
        for (Journal.Copied c : journal.copiedInto(targetBox, minW)) {
            landed.computeIfPresent(c.targetSha(), (k, v) -> v > 1 ? v - 1 : null);
        }
        int found = 0;
        for (Journal.Intent i : pending) {
            Integer n = landed.get(i.targetSha());
            if (n != null && n > 0) {
                landed.put(i.targetSha(), n - 1);
                journal.copied(new Journal.Copied(i.box(), i.uidValidity(), i.uid(), i.sha(), i.targetSha(), i.targetBox(), 0,
                        i.watermark()));
                found++;
            } else {
                journal.abandoned(i.box(), i.uidValidity(), i.uid());
            }
        }
        journal.sync();
        return found;
    }

    private static Object hash(long length, InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) throw new java.io.EOFException("literal cut short");
                md.update(buf, 0, n);
                left -= n;
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
