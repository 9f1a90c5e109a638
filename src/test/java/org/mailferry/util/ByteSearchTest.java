package org.mailferry.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteSearchTest {
    @Test
    void findsTheFirstOccurrenceLikeAPlainLoop() {
        long seed = 20261201L;
        Random r = new Random(seed);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[r.nextInt(40)];
            // few distinct values so hits, near misses (value ± 1, 0x80 bits) and borrows all occur
            byte[] alphabet = {'\n', '\n' + 1, '\n' - 1, 0, (byte) 0x8a, (byte) 0xff, 'a'};
            for (int i = 0; i < b.length; i++) b[i] = alphabet[r.nextInt(alphabet.length)];
            byte value = alphabet[r.nextInt(alphabet.length)];
            int from = b.length == 0 ? 0 : r.nextInt(b.length + 1), to = from + r.nextInt(b.length - from + 1);
            int expected = to;
            for (int i = from; i < to; i++) {
                if (b[i] == value) {
                    expected = i;
                    break;
                }
            }
            assertThat(ByteSearch.indexOf(b, from, to, value)).as("seed %d case %d", seed, n).isEqualTo(expected);
        }
    }
}
