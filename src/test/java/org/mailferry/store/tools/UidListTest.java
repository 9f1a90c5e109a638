package org.mailferry.store.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dovecot-uidlist and courierimapuiddb as their servers write them. */
class UidListTest {
    static UidList parse(String s) throws IOException {
        return UidList.parse(new BufferedReader(new StringReader(s)));
    }

    @Test
    void readsEveryVersionAndSkipsWhatItCannotRead() throws IOException {
        UidList v3 = parse("""
                3 V1276528484 N34 G5d1ee4ba9ad9014c4b4b0000d8c3a3b9
                1 :1276528487.M364837P9451.host
                7 W2349 S2301 :1276528488.M2P9.host:2,S
                x :garbage
                9 no-colon-here
                4294967296 :too.big
                """);
        assertThat(v3).isEqualTo(new UidList(1276528484L, 34, Map.of("1276528487.M364837P9451.host", 1L,
                "1276528488.M2P9.host", 7L)));
        UidList v1 = parse("1 1151000000 12\n3 1151000001.M1P1.host\n11 1151000002.M2P2.host:2,RS\n");
        assertThat(v1).isEqualTo(new UidList(1151000000L, 12, Map.of("1151000001.M1P1.host", 3L,
                "1151000002.M2P2.host", 11L)));
        assertThat(parse("")).isNull();
        assertThat(parse("2 V1 N2\n")).as("unknown version").isNull();
        assertThat(parse("3 N5\n1 :a\n")).as("no UIDVALIDITY").isNull();
        assertThat(parse("1 0 5\n")).as("UIDVALIDITY 0").isNull();
    }
}
