package org.mailferry.imap.proto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An IMAP literal received from a client: small ones held in memory, large ones in a temp file that is
 * deleted on {@link #close()}. RFC 3501 §4.3, RFC 7888.
 */
public sealed interface Literal extends AutoCloseable {
    long size();

    /** A fresh stream over the literal's bytes. */
    InputStream open() throws IOException;

    /** The bytes decoded as UTF-8; only for small literals (astrings). */
    String text();

    @Override
    void close();

    /** A literal held in memory. */
    record InMemory(byte[] bytes) implements Literal {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof InMemory m && java.util.Arrays.equals(bytes, m.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Literal{" + text() + "}";
        }
    }

    /** A literal spooled to a temp file. */
    record Spooled(Path file, long size) implements Literal {
        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public String text() {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is cleaned with the temp directory
            }
        }

        @Override
        public String toString() {
            return "Literal{" + size + " bytes on disk}";
        }
    }
}
