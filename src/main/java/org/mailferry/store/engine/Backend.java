package org.mailferry.store.engine;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.mailferry.store.Flags;
import org.mailferry.store.MessageSource;

/**
 * File access of one mailbox format. The engine ({@link MailboxState}) holds the lock while it calls any
 * method but {@link #read}, keeps UIDs, flags and mod-sequences, and decides; a backend only reads and writes
 * its files. Implementations: {@code store.mbox.MboxBackend}, {@code store.mdir.MdirBackend}.
 */
public interface Backend extends Closeable {
    /** The mailbox file or directory. */
    Path path();

    /** The change stamp of the mailbox files ({@link Fs.Stamp#NONE} when missing). */
    Fs.Stamp stamp() throws IOException;

    /** Creates the (empty) mailbox files; no-op when they exist. */
    void create() throws IOException;

    /**
     * Reads what changed since {@code known} was taken. Returns null when nothing changed. Otherwise the
     * complete new list: known entries kept (when the format could tell they are unchanged) followed by new
     * ones, or, with {@link Scan#rebuilt()}, every message read afresh. Entries whose UID the files do not
     * give have UID 0; entries with a UID the files only suggest (legacy X-UID) are not {@code ours}.
     */
    Scan scan(Known known) throws IOException;

    /** A value the format uses to check a known state still holds (mbox: a hash of the last bytes). */
    long check(List<Entry> entries, Fs.Stamp stamp) throws IOException;

    /**
     * Writes new messages with the given UIDs and flags after the existing ones, durably; on any error
     * nothing is left behind. {@code maxSize} (or -1) limits each message.
     */
    List<Entry> append(List<NewMessage> messages, long maxSize) throws IOException;

    /** {@code length} bytes of a message from {@code offset}. Called without the lock. */
    InputStream read(Entry e, long offset, long length) throws IOException;

    /**
     * Removes the messages not in {@code keep} (a subsequence of {@code all}) and writes the current flags
     * of the kept ones, atomically with respect to crashes; returns the new entries of {@code keep}.
     */
    List<Entry> rewrite(List<Entry> all, List<Entry> keep) throws IOException;

    /** Lets the files follow a flag change where the format keeps flags outside the journal (mdir names). */
    Entry flagsChanged(Entry e) throws IOException;

    /** Takes the locks other programs honour; the returned handle releases them. */
    Closeable lock(Duration timeout) throws IOException;

    /**
     * True when the stamp may stay the same across a change made within one tick of the file-system clock
     * (a folder's mtime does; a file's size always changes with an append). An index written within two
     * seconds of such a stamp is then not trusted (git's "racy index" rule).
     */
    default boolean coarseStamp() {
        return false;
    }

    /** Deletes the mailbox files (the caller deletes sidecars). */
    void delete() throws IOException;

    /** What the engine knew. */
    record Known(List<Entry> entries, Fs.Stamp stamp, long check) {
    }

    /** One message to append. */
    record NewMessage(long uid, Flags flags, long date, String sender, MessageSource source) {
    }

    /**
     * A scan's result.
     *
     * @param entries         all messages in file order
     * @param rebuilt         true when read afresh (known entries could not be trusted)
     * @param uidValidityHint a UIDVALIDITY the files carry (c-client X-IMAPbase), or 0
     * @param uidNextHint     a UIDNEXT the files carry, or 0
     * @param stamp           the files' stamp the scan corresponds to
     * @param check           the format's check value for {@link Known#check()}
     */
    record Scan(List<Entry> entries, boolean rebuilt, long uidValidityHint, long uidNextHint, Fs.Stamp stamp,
                long check) {
    }
}
