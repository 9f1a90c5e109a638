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
 * The system's libcrypt (libxcrypt, {@code libcrypt.so.1}) called through the Java FFM API: {@code crypt_rn},
 * {@code crypt_checksalt} and {@code crypt_gensalt_rn}. Gives yescrypt and every other method the system's
 * crypt(3) knows, and verifies {@code /etc/shadow} hashes exactly as the OS does.
 *
 * <p>Thread-safe: each call gets its own 32 KiB {@code struct crypt_data} in a confined arena. When the library
 * or a symbol is missing, {@link #available()} is false and {@link #unavailableReason()} says why; callers turn
 * that into a clear error instead of failing at link time. Needs {@code --enable-native-access=ALL-UNNAMED}.
 */
public final class LibCrypt {
    /** {@code sizeof(struct crypt_data)} in libxcrypt. */
    private static final int CRYPT_DATA_SIZE = 32768;
    private static final int CRYPT_OUTPUT_SIZE = 384;
    private static final String LIBRARY = "libcrypt.so.1";

    /** Results of {@code crypt_checksalt}. */
    public enum SaltCheck { OK, INVALID, METHOD_DISABLED, METHOD_LEGACY, TOO_CHEAP, UNKNOWN }

    private static final LibCrypt SYSTEM = load(LIBRARY);

    private final MethodHandle cryptRn;
    private final MethodHandle checkSalt;
    private final MethodHandle gensaltRn;
    private final String unavailable;

    private LibCrypt(MethodHandle cryptRn, MethodHandle checkSalt, MethodHandle gensaltRn, String unavailable) {
        this.cryptRn = cryptRn;
        this.checkSalt = checkSalt;
        this.gensaltRn = gensaltRn;
        this.unavailable = unavailable;
    }

    /** The system's libcrypt (loaded once). */
    public static LibCrypt system() {
        return SYSTEM;
    }

    /** Loads a libcrypt by library name or path; never throws (see {@link #available()}). */
    public static LibCrypt load(String library) {
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup lib = SymbolLookup.libraryLookup(library, Arena.global());
            MethodHandle cryptRn = linker.downcallHandle(find(lib, "crypt_rn"), FunctionDescriptor.of(
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_INT));
            MethodHandle checkSalt = linker.downcallHandle(find(lib, "crypt_checksalt"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
            MethodHandle gensaltRn = linker.downcallHandle(find(lib, "crypt_gensalt_rn"), FunctionDescriptor.of(
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            return new LibCrypt(cryptRn, checkSalt, gensaltRn, null);
        } catch (IllegalArgumentException | IllegalCallerException | UnsupportedOperationException e) {
            return new LibCrypt(null, null, null, "the system's crypt library (" + library + ", from libxcrypt; "
                    + "Debian package libcrypt1) could not be used: " + e.getMessage());
        }
    }

    private static MemorySegment find(SymbolLookup lib, String symbol) {
        return lib.find(symbol).orElseThrow(() -> new IllegalArgumentException("symbol " + symbol + " not found"));
    }

    public boolean available() {
        return unavailable == null;
    }

    /** Why the library cannot be used, or empty when it can. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    /**
     * crypt(3): hashes {@code password} with {@code setting} (a salt string or a whole stored hash). Empty when
     * libcrypt refuses (unknown method, bad setting) or is unavailable. The password must not contain a NUL byte.
     */
    public Optional<String> crypt(byte[] password, String setting) {
        if (!available() || indexOfNul(password) >= 0 || setting.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment phrase = arena.allocate(password.length + 1L);
            MemorySegment.copy(password, 0, phrase, ValueLayout.JAVA_BYTE, 0, password.length);
            MemorySegment data = arena.allocate(CRYPT_DATA_SIZE);
            try {
                MemorySegment out = (MemorySegment) cryptRn.invokeExact(phrase, arena.allocateFrom(setting), data,
                        CRYPT_DATA_SIZE);
                if (out.equals(MemorySegment.NULL)) {
                    return Optional.empty();
                }
                String result = out.reinterpret(CRYPT_OUTPUT_SIZE).getString(0);
                return result.startsWith("*") ? Optional.empty() : Optional.of(result);
            } finally {
                data.fill((byte) 0);
                phrase.fill((byte) 0);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("libcrypt crypt_rn failed", t);
        }
    }

    /** {@code crypt_checksalt}: whether libcrypt knows and allows the method of {@code setting}. */
    public SaltCheck checkSalt(String setting) {
        if (!available() || setting.indexOf('\0') >= 0) {
            return SaltCheck.UNKNOWN;
        }
        try (Arena arena = Arena.ofConfined()) {
            int r = (int) checkSalt.invokeExact(arena.allocateFrom(setting));
            return switch (r) {
                case 0 -> SaltCheck.OK;
                case 1 -> SaltCheck.INVALID;
                case 2 -> SaltCheck.METHOD_DISABLED;
                case 3 -> SaltCheck.METHOD_LEGACY;
                case 4 -> SaltCheck.TOO_CHEAP;
                default -> SaltCheck.UNKNOWN;
            };
        } catch (Throwable t) {
            throw new IllegalStateException("libcrypt crypt_checksalt failed", t);
        }
    }

    /** {@code crypt_gensalt_rn}: a new setting for {@code prefix} (e.g. {@code $y$}) with {@code count} (0: default). */
    public Optional<String> gensalt(String prefix, long count, byte[] randomBytes) {
        if (!available()) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rbytes = arena.allocate(randomBytes.length);
            MemorySegment.copy(randomBytes, 0, rbytes, ValueLayout.JAVA_BYTE, 0, randomBytes.length);
            MemorySegment out = arena.allocate(CRYPT_OUTPUT_SIZE);
            MemorySegment r = (MemorySegment) gensaltRn.invokeExact(arena.allocateFrom(prefix), count, rbytes,
                    randomBytes.length, out, CRYPT_OUTPUT_SIZE);
            return r.equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(out.getString(0));
        } catch (Throwable t) {
            throw new IllegalStateException("libcrypt crypt_gensalt_rn failed", t);
        }
    }

    private static int indexOfNul(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
