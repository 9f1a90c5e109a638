package org.mailferry.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Round-trip properties of the data format over many generated objects: whatever the printer writes (in the
 * one-line or the pretty form) parses back to an equal object, and printing that again gives the same text.
 * Cases come from a seeded Random; a failure names the seed and case so it can be replayed.
 */
class DataFormatPropertyTest {
    private static final long SEED = Long.getLong("property.seed", 20261201L);
    private static final int CASES = 3000;

    @Test
    void printThenParseIsIdentity() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            Object value = object(rnd, 0);
            String one = DataFormat.print(value);
            String pretty = DataFormat.printPretty(value);
            String where = "seed " + SEED + " case " + i + ": " + one;
            assertThat(DataFormat.parse(one)).as(where).isEqualTo(value);
            assertThat(DataFormat.parse(pretty)).as(where).isEqualTo(value);
            assertThat(DataFormat.print(DataFormat.parse(one))).as(where).isEqualTo(one);
        }
    }

    @Test
    void oneLineFormHasNoLineEnds() {
        Random rnd = new Random(SEED + 1);
        for (int i = 0; i < CASES; i++) {
            String one = DataFormat.print(object(rnd, 0));
            assertThat(one).as("seed %d case %d", SEED + 1, i).doesNotContain("\n", "\r");
        }
    }

    @Test
    void stringsWithEveryCharacterClassSurvive() {
        Random rnd = new Random(SEED + 2);
        for (int i = 0; i < CASES; i++) {
            String s = string(rnd);
            assertThat(DataFormat.parse(DataFormat.print(s))).as("seed %d case %d", SEED + 2, i).isEqualTo(s);
        }
    }

    static Object object(Random rnd, int depth) {
        int kind = rnd.nextInt(depth >= 4 ? 7 : 9);
        return switch (kind) {
            case 0, 1 -> string(rnd);
            case 2 -> {
                byte[] b = new byte[rnd.nextInt(20)];
                rnd.nextBytes(b);
                yield new DataBlock(b);
            }
            case 3 -> rnd.nextLong();
            case 4 -> rnd.nextBoolean() ? LocalDateTime.of(1 + rnd.nextInt(9998), 1 + rnd.nextInt(12),
                    1 + rnd.nextInt(28), rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(60))
                    : LocalDate.of(1 + rnd.nextInt(9998), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
            case 5 -> switch (rnd.nextInt(5)) {
                case 0 -> Special.NULL;
                case 1 -> Special.PAST;
                case 2 -> Special.FUTURE;
                case 3 -> Boolean.TRUE;
                default -> Boolean.FALSE;
            };
            case 6 -> new IpAddress(rnd.nextBoolean() ? "10.0." + rnd.nextInt(256) + ".1" : "2001:db8::" + rnd.nextInt(99),
                    rnd.nextBoolean() ? -1 : rnd.nextInt(65536));
            case 7 -> {
                List<Object> l = new ArrayList<>();
                int n = rnd.nextInt(5);
                for (int i = 0; i < n; i++) {
                    l.add(object(rnd, depth + 1));
                }
                yield l;
            }
            default -> {
                Map<String, Object> m = new LinkedHashMap<>();
                int n = rnd.nextInt(5);
                for (int i = 0; i < n; i++) {
                    m.put(string(rnd), object(rnd, depth + 1));
                }
                yield m;
            }
        };
    }

    static String string(Random rnd) {
        int len = rnd.nextInt(12);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            switch (rnd.nextInt(8)) {
                case 0 -> sb.append((char) ('a' + rnd.nextInt(26)));
                case 1 -> sb.append((char) ('0' + rnd.nextInt(10)));
                case 2 -> {
                    String specials = "\"\\\r\n\t\u001b\u0002\u007f #=;,(){}[]@.-_";
                    sb.append(specials.charAt(rnd.nextInt(specials.length())));
                }
                case 3 -> sb.append((char) rnd.nextInt(0x20));
                case 4 -> sb.appendCodePoint(0xA0 + rnd.nextInt(0x2000));
                case 5 -> sb.appendCodePoint(0x1F600 + rnd.nextInt(50));
                default -> sb.append((char) (0x20 + rnd.nextInt(0x5f)));
            }
        }
        return sb.toString();
    }
}
