package org.mailferry.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailferry.store.AppendRequest;
import org.mailferry.store.Flag;
import org.mailferry.store.FlagOp;
import org.mailferry.store.Flags;
import org.mailferry.store.MailboxFormat;
import org.mailferry.store.MessageSource;
import org.mailferry.store.StoreSettings;
import org.mailferry.store.mbox.MboxBackend;
import org.mailferry.store.mdir.MdirBackend;

/**
 * A process that dies in the middle of an expunge, right after the message files were removed, must not
 * leave a mailbox that gives the removed highest UID to a new message (IMAP clients cache by UID): the
 * UIDNEXT floor is durable before any file goes. The "death" is a backend that stops after its rewrite.
 */
class ExpungeCrashTest {
    @TempDir
    Path tmp;

    static final class Died extends RuntimeException {
    }

    @ParameterizedTest
    @EnumSource(MailboxFormat.class)
    void aDeathRightAfterRemovingFilesNeverLetsAUidBeGivenTwice(MailboxFormat f) throws Exception {
        Path p = tmp.resolve("INBOX" + f.extension());
        Sidecars sc = f == MailboxFormat.MBOX ? Sidecars.beside(p) : Sidecars.inside(p);
        MailboxState s = new MailboxState("INBOX", dying(backend(f, p, sc)), sc, StoreSettings.DEFAULT);
        s.open();
        List<Long> uids = s.append(List.of(req("one"), req("two"), req("three")), -1);
        assertThat(uids).containsExactly(1L, 2L, 3L);
        s.store(List.of(3L), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
        assertThatThrownBy(() -> s.expunge(null, true)).isInstanceOf(Died.class);
        // the process is gone: nothing of s is used again (no close, no index written)

        MailboxState after = new MailboxState("INBOX", backend(f, p, sc), sc, StoreSettings.DEFAULT);
        after.open();
        assertThat(after.entries()).extracting(Entry::uid).containsExactly(1L, 2L);
        assertThat(after.status().uidNext()).isEqualTo(4);
        assertThat(after.append(List.of(req("four")), -1)).as("the UID of the removed message is not given again")
                .containsExactly(4L);
        after.close();
    }

    private static AppendRequest req(String body) {
        return AppendRequest.of(MessageSource.ofBytes(("Subject: " + body + "\n\n" + body + "\n")
                .getBytes(StandardCharsets.US_ASCII)));
    }

    private static Backend backend(MailboxFormat f, Path p, Sidecars sc) throws IOException {
        Backend b = f == MailboxFormat.MBOX
                ? new MboxBackend(p, sc.redo(), false, StoreSettings.DEFAULT, Anomalies.Sink.LOG_ONLY)
                : new MdirBackend(p, StoreSettings.DEFAULT);
        b.create();
        return b;
    }

    /** The real backend, except that its process "dies" as soon as an expunge has removed the files. */
    private static Backend dying(Backend real) {
        return new Backend() {
            @Override
            public Path path() {
                return real.path();
            }

            @Override
            public Fs.Stamp stamp() throws IOException {
                return real.stamp();
            }

            @Override
            public void create() throws IOException {
                real.create();
            }

            @Override
            public Scan scan(Known known) throws IOException {
                return real.scan(known);
            }

            @Override
            public long check(List<Entry> entries, Fs.Stamp stamp) throws IOException {
                return real.check(entries, stamp);
            }

            @Override
            public List<Entry> append(List<NewMessage> messages, long maxSize) throws IOException {
                return real.append(messages, maxSize);
            }

            @Override
            public InputStream read(Entry e, long offset, long length) throws IOException {
                return real.read(e, offset, length);
            }

            @Override
            public List<Entry> rewrite(List<Entry> all, List<Entry> keep) throws IOException {
                real.rewrite(all, keep);
                throw new Died();
            }

            @Override
            public Entry flagsChanged(Entry e) throws IOException {
                return real.flagsChanged(e);
            }

            @Override
            public Closeable lock(Duration timeout) throws IOException {
                return real.lock(timeout);
            }

            @Override
            public boolean coarseStamp() {
                return real.coarseStamp();
            }

            @Override
            public void delete() throws IOException {
                real.delete();
            }

            @Override
            public void close() throws IOException {
                real.close();
            }
        };
    }
}
