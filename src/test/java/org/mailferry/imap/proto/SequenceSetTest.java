package org.mailferry.imap.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SequenceSetTest {
    @Test
    void containsWithStar() {
        SequenceSet s = SequenceSet.parse("1:3,7,10:*");
        assertThat(s.contains(2, 20)).isTrue();
        assertThat(s.contains(5, 20)).isFalse();
        assertThat(s.contains(15, 20)).isTrue();
        assertThat(s.contains(21, 20)).isFalse();
        assertThat(SequenceSet.parse("*:4").contains(5, 6)).isTrue(); // 4:6
        assertThat(SequenceSet.parse("*").contains(9, 9)).isTrue();
        assertThat(SequenceSet.parse("1:4294967295").contains(4294967295L, 3)).isTrue();
        assertThat(s.toString()).isEqualTo("1:3,7,10:*");
        assertThat(s.max(20)).isEqualTo(20);
        assertThat(s.min(20)).isEqualTo(1);
    }

    @Test
    void rejectsMalformed() {
        for (String bad : new String[] {"", "0", "1:", ":2", "1,,2", "01", "4294967296", "a", "1:2:3", "-1"}) {
            assertThatThrownBy(() -> SequenceSet.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void compactRoundTrips() {
        long seed = 4242;
        Random r = new Random(seed);
        for (int i = 0; i < 500; i++) {
            TreeSet<Long> nums = new TreeSet<>();
            int n = 1 + r.nextInt(40);
            for (int k = 0; k < n; k++) {
                nums.add(1L + r.nextInt(60));
            }
            long[] sorted = nums.stream().mapToLong(Long::longValue).toArray();
            SequenceSet s = SequenceSet.parse(SequenceSet.compact(sorted));
            for (long v = 1; v <= 61; v++) {
                assertThat(s.contains(v, 100)).as("seed %d case %d value %d", seed, i, v)
                        .isEqualTo(nums.contains(v));
            }
        }
    }
}
