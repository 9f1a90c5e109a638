package org.mailferry.auth.scheme;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The reference argon2 library ({@code libargon2.so.1}, Debian package libargon2-1) through the FFM API, used by
 * {@link Argon2} when present because it is about twice as fast as Bouncy Castle's Java code and needs no JIT
 * warm-up. Only {@code argon2_hash} is called, for the raw hash; encoding and comparison stay in Java. When the
 * library is missing, {@link #available()} is false and Bouncy Castle is used.
 */
final class LibArgon2 {
    private static final String LIBRARY = "libargon2.so.1";
    private static final LibArgon2 SYSTEM = load(LIBRARY);

    private final MethodHandle hash;
    private final String unavailable;

    private LibArgon2(MethodHandle hash, String unavailable) {
        this.hash = hash;
        this.unavailable = unavailable;
    }

    static LibArgon2 system() {
        return SYSTEM;
    }

    static LibArgon2 load(String library) {
        try {
            SymbolLookup lib = SymbolLookup.libraryLookup(library, Arena.global());
            MemorySegment fn = lib.find("argon2_hash").orElseThrow(
                    () -> new IllegalArgumentException("symbol argon2_hash not found"));
            // int argon2_hash(uint32 t, uint32 m, uint32 p, const void *pwd, size_t pwdlen, const void *salt,
            //                 size_t saltlen, void *hash, size_t hashlen, char *encoded, size_t encodedlen,
            //                 argon2_type type, uint32 version)
            MethodHandle h = Linker.nativeLinker().downcallHandle(fn, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT));
            return new LibArgon2(h, null);
        } catch (IllegalArgumentException | IllegalCallerException | UnsupportedOperationException e) {
            return new LibArgon2(null, library + ": " + e.getMessage());
        }
    }

    boolean available() {
        return unavailable == null;
    }

    Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    /**
     * The raw argon2 hash; {@code type} 0 = argon2d, 1 = argon2i, 2 = argon2id (libargon2's numbering, also Bouncy
     * Castle's). Empty when the library refuses the parameters or is missing.
     */
    Optional<byte[]> hash(int type, int version, int memoryKiB, int iterations, int parallelism, byte[] password,
            byte[] salt, int length) {
        if (!available()) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pwd = arena.allocate(Math.max(1, password.length));
            MemorySegment.copy(password, 0, pwd, ValueLayout.JAVA_BYTE, 0, password.length);
            MemorySegment s = arena.allocate(salt.length);
            MemorySegment.copy(salt, 0, s, ValueLayout.JAVA_BYTE, 0, salt.length);
            MemorySegment out = arena.allocate(length);
            try {
                int rc = (int) hash.invokeExact(iterations, memoryKiB, parallelism, pwd, (long) password.length, s,
                        (long) salt.length, out, (long) length, MemorySegment.NULL, 0L, type, version);
                return rc == 0 ? Optional.of(out.toArray(ValueLayout.JAVA_BYTE)) : Optional.empty();
            } finally {
                pwd.fill((byte) 0);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("libargon2 argon2_hash failed", t);
        }
    }
}
