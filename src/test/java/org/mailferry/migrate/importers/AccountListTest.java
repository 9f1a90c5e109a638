package org.mailferry.migrate.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account list format: round trips of random files, any-case field names, line ends, bad lines. */
class AccountListTest {
    private static final String ALPHABET = "abcXYZ019 _-.@{}$/\\\"'#!éü€😀";

    @Test
    void randomListsRoundTripThroughWriteAndRead(@TempDir Path dir) throws Exception {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        for (int c = 0; c < 200; c++) {
            int nf = 1 + r.nextInt(6);
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < nf; i++) {
                fields.add("F" + i + word(r, 3).replace(" ", "").replace("\\", ""));
            }
            List<List<String>> rows = new ArrayList<>();
            for (int k = r.nextInt(20); k > 0; k--) {
                List<String> row = new ArrayList<>();
                for (int i = 0; i < nf; i++) {
                    row.add(word(r, 12));
                }
                if (String.join("", row).isBlank()) {
                    row.set(0, "x");
                }
                rows.add(row);
            }
            Path f = dir.resolve("l" + c + ".tab");
            AccountList.write(f, fields, rows);
            AccountList l = AccountList.read(f);
            String ctx = "seed " + seed + " case " + c;
            assertThat(l.fields()).as(ctx).isEqualTo(fields);
            assertThat(l.lines()).as(ctx).hasSize(rows.size());
            for (int k = 0; k < rows.size(); k++) {
                AccountList.Row row = (AccountList.Row) l.lines().get(k);
                assertThat(row.source().line()).as(ctx).isEqualTo(k + 2);
                for (int i = 0; i < nf; i++) {
                    String name = r.nextBoolean() ? fields.get(i).toUpperCase(Locale.ROOT)
                            : fields.get(i).toLowerCase(Locale.ROOT);
                    assertThat(l.get(row, name)).as(ctx).isEqualTo(rows.get(k).get(i));
                }
            }
        }
    }

    private static String word(Random r, int max) {
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(max + 1); n > 0; n--) {
            int cp = ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, r.nextInt(ALPHABET.codePointCount(0,
                    ALPHABET.length()))));
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    @Test
    void lineEndsByteOrderMarkBlankLinesAndBadLines() throws Exception {
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        byte[] head = "\uFEFFname\tPASSWORD \r\n\r\nann\tpw one \r\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[latin1.length + 4];
        System.arraycopy(latin1, 0, bad, 0, latin1.length);
        System.arraycopy("\tx\n".getBytes(StandardCharsets.US_ASCII), 0, bad, latin1.length, 3);
        byte[] longLine = ("b\t" + "y".repeat(TextFile.MAX_LINE) + "\nlast\tz").getBytes(StandardCharsets.UTF_8);
        byte[] all = concat(head, bad, longLine);
        AccountList l = AccountList.parse("f.tab", all);
        assertThat(l.fields()).containsExactly("name", "PASSWORD");
        assertThat(l.lines()).hasSize(4);
        AccountList.Row ann = (AccountList.Row) l.lines().get(0);
        assertThat(ann.source()).hasToString("f.tab:3");
        assertThat(l.get(ann, "Password")).isEqualTo("pw one ");
        assertThat(l.get(ann, "RealName")).isNull();
        assertThat(l.lines().get(1)).isInstanceOf(AccountList.Bad.class).hasToString(
                new AccountList.Bad(new Source("f.tab", 4), "the line is not UTF-8 (convert the file, e.g. iconv -f "
                        + "latin1 -t utf-8)").toString());
        assertThat(((AccountList.Bad) l.lines().get(2)).reason()).contains("longer than");
        assertThat(l.get((AccountList.Row) l.lines().get(3), "name")).isEqualTo("last");
    }

    @Test
    void whatCannotBeReadAtAll(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> AccountList.parse("e.tab", new byte[0])).hasMessage("e.tab: the file is empty; "
                + "its first line must name the fields, separated by tabs (e.g. Name<TAB>Password)");
        assertThatThrownBy(() -> AccountList.parse("t.tab", "Name\t\tPassword\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("t.tab:1: field 2 of the first line has no name");
        AccountList l = AccountList.parse("m.tab", "NAME\n\nx\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> l.require("Name", "Password")).hasMessage("m.tab:1: no Password field; the first "
                + "line names NAME (field names are separated by tabs)");
        assertThatThrownBy(() -> AccountList.write(dir.resolve("w"), List.of("Name"), List.of(List.of("a\tb"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(dir.resolve("w"))).isFalse();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
