package org.mailferry.store.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dotlock: the file {@code <mailbox>.lock} created with O_CREAT|O_EXCL (as liblockfile, procmail and
 * mailutils do). Holding it means the mailbox is ours. A lock older than the stale age is taken to be left by
 * a dead program and removed (liblockfile's rule); the pid written inside is for people, not checked.
 */
public final class DotLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DotLock.class);
    private final Path lockFile;
    private boolean held;

    private DotLock(Path lockFile) {
        this.lockFile = lockFile;
    }

    public static Path lockFileOf(Path mailbox) {
        return mailbox.resolveSibling(mailbox.getFileName() + ".lock");
    }

    /**
     * One attempt: creates the lock file, or removes a stale one and tries once more.
     *
     * @return the held lock, or null when another program holds it
     */
    public static DotLock tryAcquire(Path mailbox, Duration stale) throws IOException {
        Path lf = lockFileOf(mailbox);
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.write(lf, (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                DotLock l = new DotLock(lf);
                l.held = true;
                return l;
            } catch (FileAlreadyExistsException e) {
                try {
                    Instant m = Files.getLastModifiedTime(lf).toInstant();
                    if (attempt == 0 && m.plus(stale).isBefore(Instant.now())) {
                        LOG.warn("{}: removing a stale dotlock (last touched {})", lf, m);
                        Files.deleteIfExists(lf);
                        continue;
                    }
                } catch (NoSuchFileException gone) {
                    continue;
                }
                return null;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        if (held) {
            held = false;
            Files.deleteIfExists(lockFile);
        }
    }
}
