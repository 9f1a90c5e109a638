package org.mailferry.migrate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One message in transit: kept in memory up to a threshold, then in a private temp file, so the heap stays
 * flat whatever the message size. While bytes are written it computes the SHA-256 content hash; what a
 * target may reject (the longest line, 8-bit bytes, NUL bytes, bare LF or CR) is found on first request.
 * {@link #close()} deletes the temp file.
 */
public final class Spool extends OutputStream implements AutoCloseable {
    private final int memoryLimit;
    private final Path tempDir;
    private Memory memory = new Memory(4096);
    private Path file;
    private OutputStream fileOut;
    private final MessageDigest sha;
    private long size;
    private byte[] hash;
    private Shape shape;

    /** What a target may reject, found by one scan of the content on first use (most copies never ask). */
    private record Shape(long maxLine, boolean eightBit, boolean nul, boolean bareLineEnds) { }

    public Spool(int memoryLimit, Path tempDir) {
        this.memoryLimit = memoryLimit;
        this.tempDir = tempDir;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A byte array stream whose buffer can be read without copying. */
    private static final class Memory extends ByteArrayOutputStream {
        Memory(int size) { super(size); }

        InputStream in() { return new ByteArrayInputStream(buf, 0, count); }
    }

    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    /** Copies exactly {@code length} bytes (or fewer at end of stream) into a new spool. */
    public static Spool of(InputStream in, long length, int memoryLimit, Path tempDir) throws IOException {
        Spool s = new Spool(memoryLimit, tempDir);
        // the in-memory part may be sized from the announced length: it is bounded by memoryLimit
        s.memory = new Memory((int) Math.max(64, Math.min(length, memoryLimit)));
        try {
            byte[] buf = BUFFER.get();
            long left = length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) break;
                s.write(buf, 0, n);
                left -= n;
            }
            s.finish();
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (hash != null) throw new IllegalStateException("spool already finished");
        sha.update(b, off, len);
        size += len;
        if (fileOut == null && memory.size() + len > memoryLimit) {
            file = Files.createTempFile(tempDir, "mf-spool", ".eml");
            fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
            memory.writeTo(fileOut);
            memory = null;
        }
        if (fileOut != null) fileOut.write(b, off, len);
        else memory.write(b, off, len);
    }

    /** Ends writing; the hash and statistics are final after this. */
    public Spool finish() throws IOException {
        if (hash == null) {
            hash = sha.digest();
            if (fileOut != null) fileOut.close();
        }
        return this;
    }

    public long size() { return size; }

    public byte[] sha256() { return hash.clone(); }

    public String sha256Hex() { return HexFormat.of().formatHex(hash); }

    /** Length of the longest line in bytes, without its line end. */
    public long longestLine() throws IOException { return shape().maxLine(); }

    public boolean eightBit() throws IOException { return shape().eightBit(); }

    public boolean hasNul() throws IOException { return shape().nul(); }

    /** A CR not followed by LF, or an LF not preceded by CR. */
    public boolean hasBareLineEnds() throws IOException { return shape().bareLineEnds(); }

    private Shape shape() throws IOException {
        if (shape == null) {
            long lineLen = 0, maxLine = 0;
            boolean eightBit = false, nul = false, bare = false;
            int prev = -1;
            byte[] buf = BUFFER.get();
            try (InputStream in = open()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    for (int i = 0; i < n; i++) {
                        int c = buf[i] & 0xff;
                        if (c == '\n') {
                            if (prev != '\r') bare = true;
                            maxLine = Math.max(maxLine, lineLen);
                            lineLen = 0;
                        } else {
                            if (prev == '\r') bare = true;
                            if (c != '\r') lineLen++;
                            if (c == 0) nul = true;
                            if (c >= 0x80) eightBit = true;
                        }
                        prev = c;
                    }
                }
            }
            if (prev == '\r') bare = true;
            shape = new Shape(Math.max(maxLine, lineLen), eightBit, nul, bare);
        }
        return shape;
    }

    public InputStream open() throws IOException {
        if (hash == null) throw new IllegalStateException("spool not finished");
        return file != null ? new java.io.BufferedInputStream(Files.newInputStream(file), 64 * 1024)
                : memory.in();
    }

    @Override
    public void close() {
        try {
            if (fileOut != null) fileOut.close();
            if (file != null) Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // temp file left behind in a private directory
        }
        memory = null;
    }
}
