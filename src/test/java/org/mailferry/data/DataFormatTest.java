package org.mailferry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataFormatTest {

    @Test
    void seedCreateAccountDictionaryHasTheBinaryPrefix() {
        Map<String, Object> d = DataFormat.parseDictionary("{Password=\"\\002AslUzT1JkPsocc\";}");
        assertThat(d).containsExactly(Map.entry("Password", "\u0002AslUzT1JkPsocc"));
        assertThat(DataFormat.print(d)).isEqualTo("{Password=\"\\002AslUzT1JkPsocc\";}");
    }

    @Test
    void escapesAreDecimalNotOctal() {
        assertThat(DataFormat.parse("\"\\012\"")).isEqualTo("\f"); // 12 decimal = form feed
        assertThat(DataFormat.parse("\"\\010\"")).isEqualTo("\n"); // 10 decimal = LF
        assertThat(DataFormat.parse("\"a\\tb\\rc\\nd\\ee\\\"f\\\\g\"")).isEqualTo("a\tb\rc\nd\ne\"f\\g");
        assertThat(DataFormat.parse("\"\\u'263A'\"")).isEqualTo("\u263A");
        assertThat(DataFormat.print("\u0001x")).isEqualTo("\"\\001x\"");
    }

    @Test
    void adjacentQuotedStringsAndDataBlocksConcatenate() {
        assertThat(DataFormat.parse("\"einen\"\r\n  \" der folgenden\"")).isEqualTo("einen der folgenden");
        assertThat(DataFormat.parse("[HcqH][fHI=]")).isEqualTo(new DataBlock(new byte[] {0x1d, (byte) 0xca,
                (byte) 0x87, 0x7c, 0x72}));
        assertThat(DataFormat.parse("[HcqHfHI=]")).isEqualTo(new DataBlock(new byte[] {0x1d, (byte) 0xca,
                (byte) 0x87, 0x7c, 0x72}));
    }

    @Test
    void readsRealCliOutputWithUnquotedAddressesAndSpaces() {
        Object o = DataFormat.parse("(mail.example.com, client1.com,client2.com )");
        assertThat(o).isEqualTo(List.of("mail.example.com", "client1.com", "client2.com"));
        Object d = DataFormat.parse("{ RealName = \"John Smith\" ; Aliases = ( js , j.smith ) ; Quota = #1024 ; }");
        Map<String, Object> want = new LinkedHashMap<>();
        want.put("RealName", "John Smith");
        want.put("Aliases", List.of("js", "j.smith"));
        want.put("Quota", 1024L);
        assertThat(d).isEqualTo(want);
    }

    @Test
    void typedAtoms() {
        assertThat(DataFormat.parse("#-5")).isEqualTo(-5L);
        assertThat(DataFormat.parse("#T22-10-2006_15:16:11")).isEqualTo(LocalDateTime.of(2006, 10, 22, 15, 16, 11));
        assertThat(DataFormat.parse("#T22-10-2006")).isEqualTo(LocalDate.of(2006, 10, 22));
        assertThat(DataFormat.parse("#I[10.0.1.2]:5060")).isEqualTo(new IpAddress("10.0.1.2", 5060));
        assertThat(DataFormat.parse("#NULL#")).isEqualTo(Special.NULL);
        assertThat(DataFormat.parse("(#YES,#NO,#TPAST,#TFUTURE)"))
                .isEqualTo(List.of(true, false, Special.PAST, Special.FUTURE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{a=b}|4|expected ';' after the value of \"a\" but found '}'",
        "{a=b;a=c;}|5|the key \"a\" appears twice",
        "(a,b|4|expected ',' or ')' in the array but the text ended",
        "\"abc|0|has no closing '\"'",
        "\"a\\qb\"|2|unknown escape \\q",
        "\"\\300\"|1|is over 255",
        "{=b;}|1|expected a key",
        "[ab$]|3|expected a base64 character",
        "#T31-02-2020|0|not a valid date",
        "(a) b|4|after the end of the object",
        "#abc|0|expected a typed atom",
        ")|0|expected a string, datablock, array or dictionary but found ')'",
    })
    void badInputNamesPositionAndExpectation(String text, int position, String message) {
        assertThatThrownBy(() -> DataFormat.parse(text))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((DataFormatException) e).position()).isEqualTo(position));
    }

    @Test
    void nestingIsLimited() {
        String deep = "(".repeat(DataReader.MAX_DEPTH + 1) + ")".repeat(DataReader.MAX_DEPTH + 1);
        assertThatThrownBy(() -> DataFormat.parse(deep)).hasMessageContaining("nested more than");
    }
}
