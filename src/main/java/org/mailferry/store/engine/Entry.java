package org.mailferry.store.engine;

import java.time.Instant;
import org.mailferry.store.Flags;
import org.mailferry.store.MessageInfo;

/**
 * One message as the engine keeps it: the public figures plus where the format keeps its bytes.
 *
 * @param uid         UID
 * @param flags       current flags
 * @param date        internal date, epoch seconds
 * @param size        bytes returned when read
 * @param modSeq      mod-sequence of the last change
 * @param pos         mbox: offset of the From_ line; mdir: -1
 * @param dataPos     mbox: offset of the first byte after the From_ line
 * @param rawLen      mbox: bytes of the (quoted) message in the file, without the separator blank line
 * @param plain       mbox: true when the file bytes are the message bytes (no quoted line)
 * @param fingerprint a hash of the message's start, to recognise messages after a legacy program rewrote
 *                    the file
 * @param file        mdir: the file name; mbox: null
 * @param ours        true when the files carry our UID for it (our From_ fields, our MailDir name)
 */
public record Entry(long uid, Flags flags, long date, long size, long modSeq, long pos, long dataPos, long rawLen,
                    boolean plain, long fingerprint, String file, boolean ours) {

    public MessageInfo info() {
        return new MessageInfo(uid, flags, Instant.ofEpochSecond(date), size, modSeq);
    }

    public Entry withFlags(Flags f, long newModSeq) {
        return new Entry(uid, f, date, size, newModSeq, pos, dataPos, rawLen, plain, fingerprint, file, ours);
    }

    public Entry withUid(long newUid) {
        return new Entry(newUid, flags, date, size, modSeq, pos, dataPos, rawLen, plain, fingerprint, file, ours);
    }

    public Entry withModSeq(long m) {
        return new Entry(uid, flags, date, size, m, pos, dataPos, rawLen, plain, fingerprint, file, ours);
    }
}
