package org.mailferry.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotServer;

/**
 * Our BODYSTRUCTURE, BODY and ENVELOPE against Dovecot's for the same messages (compared case-insensitively:
 * Dovecot keeps the spelling of types and parameter names, we upper-case them).
 */
class StructureVsDovecotTest {
    @Test
    void sameAsDovecot() throws Exception {
        List<byte[]> corpus = MimeCorpus.messages();
        try (DovecotServer d = DovecotServer.builder().user("u", "pw").pop3(false).start();
             DovecotImap c = new DovecotImap(d.host(), d.imapPort(), "u", "pw")) {
            c.appendAll("INBOX", corpus.stream().map(b -> new DovecotCorpus.Message(b, List.of(),
                    "01-Jan-2024 10:00:00 +0000")).toList());
            c.command("SELECT INBOX");
            for (int i = 0; i < corpus.size(); i++) {
                for (String item : new String[] {"BODYSTRUCTURE", "BODY", "ENVELOPE"}) {
                    List<byte[]> r = c.command("FETCH " + (i + 1) + " (" + item + ")");
                    String theirs = new String(r.get(0), StandardCharsets.ISO_8859_1);
                    String prefix = "* " + (i + 1) + " FETCH (" + item + " ";
                    assertThat(theirs).startsWith(prefix);
                    theirs = theirs.substring(prefix.length(), theirs.length() - 2); // ")\n"
                    String ours = switch (item) {
                        case "ENVELOPE" -> StructureWriterTest.envelope(corpus.get(i));
                        default -> StructureWriterTest.bodystructure(corpus.get(i), item.equals("BODYSTRUCTURE"));
                    };
                    assertThat(norm(ours)).as("message %d %s", i + 1, item).isEqualTo(norm(theirs));
                }
            }
        }
    }

    /** Upper case, and literals written as quoted strings (both are the same IMAP string). */
    static String norm(String s) {
        String t = s.replace("\r\n", "\n");
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\d+)\\}\n").matcher(t);
        int pos = 0;
        while (m.find(pos)) {
            int n = Integer.parseInt(m.group(1));
            out.append(t, pos, m.start()).append('"').append(t, m.end(), m.end() + n).append('"');
            pos = m.end() + n;
        }
        out.append(t.substring(pos));
        return out.toString().toUpperCase(Locale.ROOT);
    }
}
