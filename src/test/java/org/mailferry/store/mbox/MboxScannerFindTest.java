package org.mailferry.store.mbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mailferry.store.engine.Anomalies;

/** The scanner's eight-bytes-at-a-time search for LF (and NUL) finds what a byte-by-byte search finds. */
class MboxScannerFindTest {
    @Test
    void findsTheFirstLineEndOrNulLikeAByteByByteSearch() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[r.nextInt(80)];
            for (int i = 0; i < b.length; i++) {
                int k = r.nextInt(10);
                // LF, NUL, bytes one off them (borrows), high bytes, plain text
                b[i] = (byte) (k == 0 ? '\n' : k == 1 ? 0 : k == 2 ? 0x0B : k == 3 ? 1 : k == 4 ? 0x80 | r.nextInt(128)
                        : k == 5 ? 0x09 : 'a' + r.nextInt(26));
            }
            MboxScanner s = new MboxScanner(MemorySegment.ofArray(b), b.length, new Anomalies(java.nio.file.Path.of("test")),
                    Instant.EPOCH);
            int from = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            int limit = from + r.nextInt(b.length - from + 1);
            boolean nul = r.nextBoolean();
            int want = from;
            while (want < limit && b[want] != '\n' && !(nul && b[want] == 0)) {
                want++;
            }
            assertThat(s.find(from, limit, nul)).as("seed %d round %d", seed, round).isEqualTo(want);
        }
    }
}
