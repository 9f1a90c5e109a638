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
 * flat whatever the message size. While bytes are written it computes the SHA-256 content hash and notes
 * what a target may reject: the longest line, 8-bit bytes, NUL bytes and bare LF or CR.
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
    private long lineLen, maxLine;
    private boolean eightBit, nul, bareLf, bareCr;
    private int prev = -1;

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
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c == '\n') {
                if (prev != '\r') bareLf = true;
                maxLine = Math.max(maxLine, lineLen);
                lineLen = 0;
            } else {
                if (prev == '\r') bareCr = true;
                if (c != '\r') lineLen++;
                if (c == 0) nul = true;
                if (c >= 0x80) eightBit = true;
            }
            prev = c;
        }
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
            maxLine = Math.max(maxLine, lineLen);
            if (prev == '\r') bareCr = true;
            hash = sha.digest();
            if (fileOut != null) fileOut.close();
        }
        return this;
    }

    public long size() { return size; }

    public byte[] sha256() { return hash.clone(); }

    public String sha256Hex() { return HexFormat.of().formatHex(hash); }

    public long longestLine() { return maxLine; }

    public boolean eightBit() { return eightBit; }

    public boolean hasNul() { return nul; }

    public boolean hasBareLineEnds() { return bareLf || bareCr; }

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
