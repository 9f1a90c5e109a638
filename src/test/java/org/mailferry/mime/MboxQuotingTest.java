package org.mailferry.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MboxQuotingTest {
    private static byte[] quote(byte[] in, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MboxQuoting.Quoter q = new MboxQuoting.Quoter(out);
        for (int i = 0; i < in.length; i += chunk) {
            q.write(in, i, Math.min(chunk, in.length - i));
        }
        q.finish();
        assertThat(q.written()).isEqualTo(out.size());
        return out.toByteArray();
    }

    private static byte[] unquote(byte[] in, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MboxQuoting.Unquoter q = new MboxQuoting.Unquoter(out);
        for (int i = 0; i < in.length; i += chunk) {
            q.write(in, i, Math.min(chunk, in.length - i));
        }
        q.finish();
        return out.toByteArray();
    }

    private static String q(String s) throws IOException {
        return new String(quote(s.getBytes(StandardCharsets.ISO_8859_1), 1000), StandardCharsets.ISO_8859_1);
    }

    @Test
    void quotesFromLinesAsMboxrd() throws IOException {
        String[][] cases = {
                {"From me\n", ">From me\n"},
                {"a\nFrom x\n", "a\n>From x\n"},
                {"a\n>From x\n", "a\n>>From x\n"},
                {"a\n>>From x\n", "a\n>>>From x\n"},
                {"a\n From x\n", "a\n From x\n"},
                {"a\nFrom\n", "a\nFrom\n"},
                {"a\nFromage\n", "a\nFromage\n"},
                {"a\n>Fro", "a\n>Fro"},
                {"x From y\n", "x From y\n"},
                {"a\r\nFrom b\r\n", "a\r\n>From b\r\n"},
                {">", ">"},
                {"", ""},
        };
        for (String[] c : cases) {
            assertThat(q(c[0])).as("quote of %s", c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void roundTripIsByteExactForRandomInputSplitAnywhere() throws IOException {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        String[] atoms = {"From ", ">", "F", "rom", "\n", "\r\n", "x", " ", "From", ">From ", "\0"};
        for (int n = 0; n < 3000; n++) {
            StringBuilder sb = new StringBuilder();
            int parts = r.nextInt(30);
            for (int i = 0; i < parts; i++) {
                sb.append(atoms[r.nextInt(atoms.length)]);
            }
            byte[] in = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
            int chunk = 1 + r.nextInt(8);
            byte[] quoted = quote(in, chunk);
            byte[] back = unquote(quoted, 1 + r.nextInt(8));
            assertThat(back).as("seed %d case %d input %s", seed, n, sb).isEqualTo(in);
            assertThat(MboxQuoting.needsNoChange(in, 0, in.length)).as("seed %d case %d", seed, n)
                    .isEqualTo(java.util.Arrays.equals(in, quoted));
            // no line of the quoted form starts with "From "
            assertThat(("\n" + new String(quoted, StandardCharsets.ISO_8859_1)).contains("\nFrom "))
                    .as("seed %d case %d", seed, n).isFalse();
        }
    }
}
