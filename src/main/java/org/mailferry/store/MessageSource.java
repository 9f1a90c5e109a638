package org.mailferry.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bytes of a message to store, read as a stream so a big message is never held in memory. The store
 * may open a source more than once (copying one message into several mailboxes) unless it is one-shot.
 * The bytes are stored exactly as given: line ends are not converted.
 */
public interface MessageSource {
    /** Opens the message's bytes from the start. */
    InputStream open() throws IOException;

    /** The size in bytes when known in advance (lets the store refuse a too-big message early), else -1. */
    long size();

    static MessageSource ofBytes(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new MessageSource() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(copy);
            }

            @Override
            public long size() {
                return copy.length;
            }
        };
    }

    /** A message in a file, e.g. an IMAP literal or SMTP DATA spooled to a temporary file. */
    static MessageSource ofPath(Path file) {
        return new MessageSource() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public long size() {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return -1;
                }
            }
        };
    }

    /** A stream that can be read once; {@code size} is -1 when unknown. */
    static MessageSource ofStream(InputStream in, long size) {
        AtomicBoolean used = new AtomicBoolean();
        return new MessageSource() {
            @Override
            public InputStream open() throws IOException {
                if (used.getAndSet(true)) {
                    throw new IOException("a one-shot message source was opened twice");
                }
                return in;
            }

            @Override
            public long size() {
                return size;
            }
        };
    }
}
