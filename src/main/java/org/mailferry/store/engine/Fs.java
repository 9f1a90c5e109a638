package org.mailferry.store.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * File helpers for durability: fsync of files and directories, atomic replacement (temp, fsync, rename,
 * fsync directory), and the stamp that tells whether a file changed. {@code fsync=false} exists for
 * benchmarks of the formats only.
 */
public final class Fs {
    private Fs() {
    }

    /** fsyncs a directory so a create, rename or delete in it is durable. */
    public static void syncDir(Path dir, boolean fsync) throws IOException {
        if (!fsync) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Writes {@code data} to {@code target} atomically and durably. */
    public static void atomicWrite(Path target, byte[] data, boolean fsync) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.createDirectories(target.getParent());
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            if (fsync) {
                ch.force(true);
            }
        }
        rename(tmp, target);
        syncDir(target.getParent(), fsync);
    }

    public static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }

    public static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, pos);
            if (r < 0) {
                throw new java.io.EOFException("file shorter than expected");
            }
            pos += r;
        }
    }

    /** Identity and change stamp of a file: inode, size, modification and change times. */
    public record Stamp(long inode, long size, long mtimeNanos, long ctimeNanos) {
        public static final Stamp NONE = new Stamp(-1, -1, -1, -1);
    }

    /** The stamp of {@code p}, or {@link Stamp#NONE} when it does not exist. */
    public static Stamp stamp(Path p) throws IOException {
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:ino,size,lastModifiedTime,ctime");
            return new Stamp((Long) a.get("ino"), (Long) a.get("size"), nanos((FileTime) a.get("lastModifiedTime")),
                    nanos((FileTime) a.get("ctime")));
        } catch (java.nio.file.NoSuchFileException e) {
            return Stamp.NONE;
        }
    }

    private static long nanos(FileTime t) {
        return t.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
