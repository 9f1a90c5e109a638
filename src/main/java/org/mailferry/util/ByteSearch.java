package org.mailferry.util;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finding one byte value in a byte array eight bytes at a time (a SWAR "has zero byte" test), for the hot
 * loops that look for line ends in message bodies. HotSpot does not vectorize a search loop that stops at
 * the first hit, and a byte-at-a-time scan costs several times more.
 */
public final class ByteSearch {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteSearch() {
    }

    /**
     * The index of the first {@code value} in {@code b[from, to)}, or {@code to}. A byte of {@code w ^ pattern}
     * is zero where {@code value} is; {@code (x - ONES) & ~x & HIGHS} flags such bytes, and its lowest flag is
     * always a true zero byte (a borrow only disturbs the bytes above it).
     */
    public static int indexOf(byte[] b, int from, int to, byte value) {
        long pattern = ONES * (value & 0xff);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONG.get(b, i) ^ pattern;
            long hit = (x - ONES) & ~x & HIGHS;
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return to;
    }
}
