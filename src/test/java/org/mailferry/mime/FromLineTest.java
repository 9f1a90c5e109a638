package org.mailferry.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FromLineTest {
    private static FromLine parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return FromLine.parse(b, 0, b.length, Instant.EPOCH);
    }

    @Test
    void formatsOurFieldsGluedToTheSender() {
        Instant t = Instant.parse("2002-03-13T10:29:16Z");
        String line = new String(FromLine.format("alice@example.com", 0b00101, 42, 1234, List.of("$Junk", "a,b"), t),
                StandardCharsets.ISO_8859_1);
        assertThat(line).isEqualTo("From alice@example.com(S_F__-42-1234-$Junk,a%2Cb) Wed Mar 13 10:29:16 2002\n");
        FromLine f = parse(line.strip());
        assertThat(f.ours()).isTrue();
        assertThat(f.sender()).isEqualTo("alice@example.com");
        assertThat(f.fields().uid()).isEqualTo(42);
        assertThat(f.fields().size()).isEqualTo(1234);
        assertThat(f.fields().systemBits()).isEqualTo(0b00101);
        assertThat(f.fields().keywords()).containsExactly("$Junk", "a,b");
        assertThat(f.date()).isEqualTo(t);
        assertThat(f.dateValid()).isTrue();
    }

    @Test
    void writesMailerDaemonForSendersLegacyReadersCannotTake() {
        Instant t = Instant.parse("2024-01-05T01:02:03Z");
        for (String s : new String[]{null, "", "<>", "a b@x", "a(b)@x", "ü@x"}) {
            assertThat(new String(FromLine.format(s, 0, 1, 0, List.of(), t), StandardCharsets.ISO_8859_1))
                    .startsWith("From MAILER-DAEMON(_____-1-0) Fri Jan  5 01:02:03 2024");
        }
    }

    @Test
    void readsLegacyLines() {
        FromLine f = parse("From bob@example.org Sat Jan  3 01:05:34 1996");
        assertThat(f.ours()).isFalse();
        assertThat(f.sender()).isEqualTo("bob@example.org");
        assertThat(f.dateValid()).isTrue();
        assertThat(parse("From bob Sat Jan  3 01:05:34 +0100 1996").date())
                .isEqualTo(Instant.parse("1996-01-03T00:05:34Z"));
        assertThat(parse("From bob Sat Jan  3 01:05 1996").dateValid()).isTrue();
        assertThat(parse("From bob Mon Feb 30 25:61:00 1996").dateValid()).isFalse();
        assertThat(parse("From bob yesterday").date()).isEqualTo(Instant.EPOCH);
        assertThat(parse("From bob(junk) Sat Jan  3 01:05:34 1996").ours()).isFalse();
        assertThat(parse("From bob(SAXDT-1-2) Sat Jan  3 01:05:34 1996").ours()).isFalse();
        assertThat(parse("From bob(SAFDT-1-2) Sat Jan  3 01:05:34 1996\r").fields().systemBits()).isEqualTo(31);
    }
}
