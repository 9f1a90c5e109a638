package org.mailferry.pop3.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Pop3ParserTest {
    private static Pop3Command p(String s) throws Pop3Exception {
        return Pop3Parser.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void err(String s, String text) {
        assertThatThrownBy(() -> p(s)).as(s).isInstanceOf(Pop3Exception.class).hasMessageContaining(text);
    }

    @Test
    void commands() throws Exception {
        assertThat(p("user mrose")).isEqualTo(new Pop3Command.User("mrose"));
        assertThat(p("PASS secret with spaces ")).isEqualTo(new Pop3Command.Pass("secret with spaces "));
        assertThat(p("PASS x").toString()).doesNotContain("x]");
        assertThat(p("APOP mrose c4c9334bac560ecc979e58001b3e22fb")).isEqualTo(
                new Pop3Command.Apop("mrose", "c4c9334bac560ecc979e58001b3e22fb"));
        assertThat(p("AUTH")).isEqualTo(new Pop3Command.Auth(null, null));
        assertThat(p("AUTH plain AGEAYg==")).isEqualTo(new Pop3Command.Auth("PLAIN", "AGEAYg=="));
        assertThat(p("CAPA")).isEqualTo(new Pop3Command.Capa());
        assertThat(p("STLS")).isEqualTo(new Pop3Command.Stls());
        assertThat(p("STAT")).isEqualTo(new Pop3Command.Stat());
        assertThat(p("LIST")).isEqualTo(new Pop3Command.ListMessages(-1));
        assertThat(p("LIST 2")).isEqualTo(new Pop3Command.ListMessages(2));
        assertThat(p("UIDL")).isEqualTo(new Pop3Command.Uidl(-1));
        assertThat(p("RETR 1")).isEqualTo(new Pop3Command.Retr(1));
        assertThat(p("DELE 1")).isEqualTo(new Pop3Command.Dele(1));
        assertThat(p("TOP 1 0")).isEqualTo(new Pop3Command.Top(1, 0));
        assertThat(p("RSET")).isEqualTo(new Pop3Command.Rset());
        assertThat(p("NOOP")).isEqualTo(new Pop3Command.Noop());
        assertThat(p("quit")).isEqualTo(new Pop3Command.Quit());
    }

    @Test
    void errors() {
        err("FOO", "Unknown command");
        err("RETR", "wrong number of arguments");
        err("RETR 0", "Invalid message number");
        err("RETR x", "Invalid number");
        err("RETR 99999999999", "Invalid number");
        err("LIST 1 2", "wrong number");
        err("STAT 1", "wrong number");
        err("PASS", "needs a password");
        err("APOP a b", "32 hex");
        err("USER  x", "Invalid argument");
    }

    @Test
    void topCopiesHeaderAndLines() throws Exception {
        String msg = "A: b\r\nC: d\r\n\r\nl1\r\nl2\r\nl3\r\n";
        assertThat(top(msg, 0)).isEqualTo("A: b\r\nC: d\r\n\r\n");
        assertThat(top(msg, 2)).isEqualTo("A: b\r\nC: d\r\n\r\nl1\r\nl2\r\n");
        assertThat(top(msg, 10)).isEqualTo(msg);
        assertThat(top("A: b\r\n", 3)).isEqualTo("A: b\r\n");
    }

    private static String top(String msg, long n) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TopFilter.copy(new ByteArrayInputStream(msg.getBytes()), out, n);
        return out.toString();
    }
}
