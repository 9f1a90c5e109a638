package org.mailferry.smtp.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmtpParserTest {
    private static SmtpCommand p(String s) throws SmtpException {
        return SmtpParser.parse(s.getBytes(StandardCharsets.UTF_8), false);
    }

    private static void refused(String s, int code, String enhanced, String text) {
        assertThatThrownBy(() -> p(s)).as(s).isInstanceOfSatisfying(SmtpException.class, e -> {
            assertThat(e.reply().code()).isEqualTo(code);
            assertThat(e.reply().enhanced()).isEqualTo(enhanced);
            assertThat(e.reply().lines().get(0)).contains(text);
        });
    }

    @Test
    void commands() throws Exception {
        assertThat(p("EHLO client.example")).isEqualTo(new SmtpCommand.Helo("client.example", true));
        assertThat(p("helo [127.0.0.1]")).isEqualTo(new SmtpCommand.Helo("[127.0.0.1]", false));
        assertThat(p("DATA")).isEqualTo(new SmtpCommand.Data());
        assertThat(p("BDAT 1000 LAST")).isEqualTo(new SmtpCommand.Bdat(1000, true));
        assertThat(p("bdat 0")).isEqualTo(new SmtpCommand.Bdat(0, false));
        assertThat(p("RSET")).isEqualTo(new SmtpCommand.Rset());
        assertThat(p("NOOP whatever")).isEqualTo(new SmtpCommand.Noop());
        assertThat(p("QUIT")).isEqualTo(new SmtpCommand.Quit());
        assertThat(p("STARTTLS")).isEqualTo(new SmtpCommand.StartTls());
        assertThat(p("VRFY Smith")).isEqualTo(new SmtpCommand.Vrfy("Smith"));
        assertThat(p("AUTH PLAIN AHUAcA==")).isEqualTo(new SmtpCommand.Auth("PLAIN", "AHUAcA=="));
        assertThat(p("AUTH login")).isEqualTo(new SmtpCommand.Auth("LOGIN", null));
        assertThat(p("AUTH PLAIN AHUAcA==").toString()).doesNotContain("AHUAcA");
    }

    @Test
    void mailAndRcpt() throws Exception {
        assertThat(p("MAIL FROM:<a@b.example>")).isEqualTo(new SmtpCommand.Mail(new MailAddress("a", "b.example"),
                Map.of()));
        assertThat(p("MAIL FROM:<>")).isEqualTo(new SmtpCommand.Mail(MailAddress.NULL, Map.of()));
        assertThat(p("mail from: <a@b>")).isEqualTo(new SmtpCommand.Mail(new MailAddress("a", "b"), Map.of()));
        SmtpCommand.Mail m = (SmtpCommand.Mail) p(
                "MAIL FROM:<\"john smith\"@[192.0.2.1]> SIZE=1000 BODY=8bitmime RET=hdrs ENVID=QQ+2B1 AUTH=<>");
        assertThat(m.from().localPart()).isEqualTo("john smith");
        assertThat(m.from().address()).isEqualTo("\"john smith\"@[192.0.2.1]");
        assertThat(m.params()).containsEntry("SIZE", "1000").containsEntry("BODY", "8BITMIME")
                .containsEntry("RET", "HDRS").containsEntry("ENVID", "QQ+2B1");
        assertThat(p("MAIL FROM:<@a,@b:u@d>")).isEqualTo(new SmtpCommand.Mail(new MailAddress("u", "d"), Map.of()));
        SmtpCommand.Rcpt r = (SmtpCommand.Rcpt) p("RCPT TO:<x@y.example> NOTIFY=success,failure ORCPT=rfc822;x@y");
        assertThat(r.to()).isEqualTo(new MailAddress("x", "y.example"));
        assertThat(SmtpCommand.notify(r)).isEqualTo(List.of("SUCCESS", "FAILURE"));
        assertThat(p("RCPT TO:<Postmaster>")).isEqualTo(new SmtpCommand.Rcpt(new MailAddress("postmaster", ""),
                Map.of()));
        SmtpCommand.Mail u = (SmtpCommand.Mail) SmtpParser.parse(
                "MAIL FROM:<j\u00f6rg@b\u00fccher.example> SMTPUTF8".getBytes(StandardCharsets.UTF_8), false);
        assertThat(u.from().localPart()).isEqualTo("j\u00f6rg");
        assertThat(SmtpParser.parse("RCPT TO:<\u00fc@x>".getBytes(StandardCharsets.UTF_8), true))
                .isInstanceOf(SmtpCommand.Rcpt.class);
    }

    @Test
    void refusals() {
        refused("FOO", 500, "5.5.1", "unrecognized");
        refused("EHLO", 501, "5.5.4", "domain");
        refused("DATA now", 501, "5.5.4", "no arguments");
        refused("MAIL TO:<a@b>", 501, "5.5.2", "Syntax");
        refused("MAIL FROM:<a@b> FOO=1", 555, "5.5.4", "Unsupported parameter FOO");
        refused("MAIL FROM:<a@b> SIZE=x", 501, "5.5.4", "SIZE");
        refused("MAIL FROM:<a@b> BODY=BINARYMIME", 555, "5.5.4", "BODY");
        refused("MAIL FROM:<a@b> SIZE=1 SIZE=2", 501, "5.5.4", "Duplicate");
        refused("MAIL FROM:<a@b>SIZE=1", 501, "5.5.4", "space");
        refused("MAIL FROM:<a>", 553, "5.1.3", "local-part@domain");
        refused("MAIL FROM:<a@b", 553, "5.1.3", "Missing '>'");
        refused("MAIL FROM:<a..b@c>", 553, "5.1.3", "Invalid local part");
        refused("MAIL FROM:<a@-b>", 553, "5.1.3", "Invalid domain");
        refused("MAIL FROM:<a@[1.2.3]>", 553, "5.1.3", "address literal");
        refused("RCPT TO:<>", 553, "5.1.3", "Empty address");
        refused("RCPT TO:<a@b> NOTIFY=SOMETIMES", 501, "5.5.4", "NOTIFY");
        refused("MAIL FROM:<j\u00f6rg@b>", 553, "5.6.7", "SMTPUTF8");
        refused("RCPT TO:<\u00fc@x>", 553, "5.6.7", "SMTPUTF8");
        refused("BDAT x", 501, "5.5.4", "BDAT");
        refused("BDAT 10 FIRST", 501, "5.5.4", "BDAT");
    }

    @Test
    void repliesWithEnhancedCodes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SmtpReply(250, null, List.of("mx.example", "PIPELINING", "SIZE 1000")).write(out, true);
        SmtpReply.NO_SUCH_USER.write(out, true);
        SmtpReply.NO_SUCH_USER.write(out, false);
        assertThat(out.toString()).isEqualTo("250-mx.example\r\n250-PIPELINING\r\n250 SIZE 1000\r\n"
                + "550 5.1.1 No such user here\r\n550 No such user here\r\n");
    }

    @Test
    void xtext() {
        assertThat(Xtext.encode("a+b=c d")).isEqualTo("a+2Bb+3Dc+20d");
        assertThat(Xtext.decode("a+2Bb+3Dc+20d")).isEqualTo("a+b=c d");
        assertThat(Xtext.valid("a+2B")).isTrue();
        assertThat(Xtext.valid("a+2")).isFalse();
        assertThat(Xtext.valid("a=b")).isFalse();
    }
}
