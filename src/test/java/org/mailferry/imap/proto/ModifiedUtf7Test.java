package org.mailferry.imap.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ModifiedUtf7Test {
    @Test
    void rfc3501Example() {
        String wire = "~peter/mail/&U,BTFw-/&ZeVnLIqe-";
        String name = "~peter/mail/\u53f0\u5317/\u65e5\u672c\u8a9e";
        assertThat(ModifiedUtf7.decode(wire)).isEqualTo(name);
        assertThat(ModifiedUtf7.encode(name)).isEqualTo(wire);
    }

    @Test
    void knownVectors() {
        String[][] v = {
                {"A&-B", "A&B"},
                {"&AOQ-", "\u00e4"},
                {"Entw&APw-rfe", "Entw\u00fcrfe"},
                {"&2D3eAA-", "\ud83d\ude00"},
                {"", ""},
                {"&AOQA9gD8-", "\u00e4\u00f6\u00fc"},
        };
        for (String[] p : v) {
            assertThat(ModifiedUtf7.decode(p[0])).as(p[0]).isEqualTo(p[1]);
            assertThat(ModifiedUtf7.encode(p[1])).as(p[1]).isEqualTo(p[0]);
        }
    }

    @Test
    void rejectsMalformed() {
        for (String bad : new String[] {"&", "&AOQ", "&AOQA-", "&AGE-", "&ZeVnLIqe", "\u00e4", "&2D0-", "a\tb",
                "&AOR-", "&*-"}) {
            assertThatThrownBy(() -> ModifiedUtf7.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void roundTripsRandomNames() {
        long seed = 20260101L;
        Random r = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(12);
            for (int k = 0; k < n; k++) {
                int kind = r.nextInt(5);
                int cp = switch (kind) {
                    case 0 -> 0x20 + r.nextInt(0x5f);
                    case 1 -> '&';
                    case 2 -> 0x80 + r.nextInt(0x780);
                    case 3 -> 0x4e00 + r.nextInt(0x5000);
                    default -> 0x1f600 + r.nextInt(0x50);
                };
                sb.appendCodePoint(cp);
            }
            String name = sb.toString();
            String wire = ModifiedUtf7.encode(name);
            assertThat(wire.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)).as("seed %d case %d", seed, i).isTrue();
            assertThat(ModifiedUtf7.decode(wire)).as("seed %d case %d: %s", seed, i, wire).isEqualTo(name);
        }
    }
}
