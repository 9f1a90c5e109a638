package org.mailferry.imap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Modified UTF-7 (RFC 3501 §5.1.3): the RFC's example, table cases, and a seeded round-trip property. */
class ModifiedUtf7Test {
    @Test
    void rfcExampleAndTable() {
        String[][] cases = {
                {"~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"},
                {"R&D", "R&-D"}, {"&", "&-"}, {"Sent Items", "Sent Items"}, {"Ünïcødé €uro", "&ANw-n&AO8-c&APg-d&AOk- &IKw-uro"},
                {"", ""}, {"😀", "&2D3eAA-"},
        };
        for (String[] c : cases) {
            assertThat(ModifiedUtf7.encode(c[0])).as("encode %s", c[0]).isEqualTo(c[1]);
            assertThat(ModifiedUtf7.decode(c[1])).as("decode %s", c[1]).isEqualTo(c[0]);
        }
    }

    @Test
    void rejectsBrokenNames() {
        assertThatThrownBy(() -> ModifiedUtf7.decode("a&ZeVn")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> ModifiedUtf7.decode("a&Ze/n-")).hasMessageContaining("'/'");
        assertThatThrownBy(() -> ModifiedUtf7.decode("Grüße")).hasMessageContaining("8-bit");
        assertThat(ModifiedUtf7.decodeLenient("Grüße")).isEqualTo("Grüße");
    }

    @Test
    void roundTripsRandomNames() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(12);
            for (int j = 0; j < n; j++) {
                switch (r.nextInt(4)) {
                    case 0 -> sb.append((char) (0x20 + r.nextInt(0x5f)));
                    case 1 -> sb.append('&');
                    case 2 -> sb.append((char) (0xa0 + r.nextInt(0xd000)));
                    default -> sb.appendCodePoint(0x10000 + r.nextInt(0x1000));
                }
            }
            String s = sb.toString();
            String enc = ModifiedUtf7.encode(s);
            assertThat(enc.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)).as("seed %d case %s", seed, s).isTrue();
            assertThat(ModifiedUtf7.decode(enc)).as("seed %d: %s -> %s", seed, s, enc).isEqualTo(s);
        }
    }
}
