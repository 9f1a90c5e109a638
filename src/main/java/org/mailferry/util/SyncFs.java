package org.mailferry.util;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linux {@code syncfs(2)} through the FFM API: makes every written file and folder of one file system durable
 * in a single call. Checkpointing thousands of small files this way costs one journal commit of the file
 * system instead of one fsync per file. Where the call is not available (not Linux, no native access),
 * {@link #available()} is false and callers fsync file by file.
 */
public final class SyncFs {
    private static final Logger log = LoggerFactory.getLogger(SyncFs.class);
    private static final int O_RDONLY = 0;
    private static final int O_DIRECTORY = 0x10000; // Linux x86_64 and aarch64
    private static final MethodHandle OPEN;
    private static final MethodHandle SYNCFS;
    private static final MethodHandle CLOSE;

    static {
        MethodHandle open = null;
        MethodHandle syncfs = null;
        MethodHandle close = null;
        try {
            if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                open = linker.downcallHandle(libc.find("open").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2));
                syncfs = linker.downcallHandle(libc.find("syncfs").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                close = linker.downcallHandle(libc.find("close").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            }
        } catch (RuntimeException | Error e) {
            log.info("syncfs(2) is not available ({}); checkpoints fsync file by file", e.toString());
            open = null;
        }
        OPEN = open;
        SYNCFS = syncfs;
        CLOSE = close;
    }

    private SyncFs() {
    }

    public static boolean available() {
        return OPEN != null;
    }

    /**
     * Flushes the file system holding {@code dir} (a folder); returns false when that could not be done, and
     * the caller must then fsync what it wrote one by one.
     */
    public static boolean sync(Path dir) {
        if (OPEN == null) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom(dir.toAbsolutePath().toString());
            int fd = (int) OPEN.invokeExact(path, O_RDONLY | O_DIRECTORY, 0);
            if (fd < 0) {
                return false;
            }
            try {
                return (int) SYNCFS.invokeExact(fd) == 0;
            } finally {
                int ignored = (int) CLOSE.invokeExact(fd);
            }
        } catch (Throwable t) {
            log.warn("syncfs({}) failed: {}", dir, t.toString());
            return false;
        }
    }
}
