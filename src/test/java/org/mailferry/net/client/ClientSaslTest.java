package org.mailferry.net.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The client halves of the SASL mechanisms against the RFCs' own examples. */
class ClientSaslTest {
    private static String b64(String s) { return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)); }

    @Test
    void cramMd5GivesTheRfc2195Example() {
        String challenge = b64("<1896.697170952@postoffice.reston.mci.net>");
        assertThat(new String(Base64.getDecoder().decode(ClientSasl.cramMd5("tim", "tanstaaftanstaaf", challenge)), StandardCharsets.UTF_8))
                .isEqualTo("tim b913a602c7eda7a495b4e6e7334d3890");
        assertThatThrownBy(() -> ClientSasl.cramMd5("tim", "x", "not base64!")).hasMessageContaining("not base64")
                .hasMessageNotContaining("x\"");
    }

    @Test
    void apopGivesTheRfc1939Example() {
        assertThat(ClientSasl.apop("<1896.697170952@dbc.mtview.ca.us>", "tanstaaf")).isEqualTo("c4c9334bac560ecc979e58001b3e22fb");
    }

    @Test
    void plainIsNulUserNulPasswordInUtf8() {
        assertThat(Base64.getDecoder().decode(ClientSasl.plain("jöhn", "pä ss"))).isEqualTo("\0jöhn\0pä ss".getBytes(StandardCharsets.UTF_8));
        assertThat(ClientSasl.login("tim")).isEqualTo(b64("tim"));
    }

    @Test
    void autoPrefersPlainThenLoginThenCramMd5AndOptionsAreChecked() {
        assertThat(ClientSasl.firstOffered(Set.of("CRAM-MD5", "LOGIN"))).isEqualTo("LOGIN");
        assertThat(ClientSasl.firstOffered(Set.of("CRAM-MD5", "PLAIN"))).isEqualTo("PLAIN");
        assertThat(ClientSasl.firstOffered(Set.of("SCRAM-SHA-256", "CRAM-MD5"))).isEqualTo("SCRAM-SHA-256");
        assertThat(ClientSasl.firstOffered(Set.of("GSSAPI"))).isNull();
        assertThat(ClientSasl.option("Cram-MD5", "--source-auth")).isEqualTo("CRAM-MD5");
        assertThat(ClientSasl.option("apop", "--pop-auth", "USER", "APOP")).isEqualTo("APOP");
        assertThatThrownBy(() -> ClientSasl.option("apop", "--source-auth")).hasMessageContaining("--source-auth 'apop'");
        assertThatThrownBy(() -> TlsMode.parse("ssl")).hasMessageContaining("auto, none, starttls or implicit");
        assertThat(TlsMode.AUTO.resolve(993, 993)).isEqualTo(TlsMode.IMPLICIT);
        assertThat(TlsMode.AUTO.resolve(143, 993)).isEqualTo(TlsMode.AUTO);
        assertThat(TlsMode.NONE.resolve(993, 993)).isEqualTo(TlsMode.NONE);
    }

    @Test
    void scramSha256GivesTheRfc7677Example() {
        ClientScram c = new ClientScram("SCRAM-SHA-256", "user", "pencil", "rOprNGfwEbeRWgbNEkqO");
        assertThat(c.first()).isEqualTo(b64("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        String answer = c.answer(b64("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
        assertThat(answer).isEqualTo(b64("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        c.verify(b64("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
    }

    @Test
    void scramSha1GivesTheRfc5802Example() {
        ClientScram c = new ClientScram("SCRAM-SHA-1", "user", "pencil", "fyko+d2lbbFgONRv9qkxdawL");
        String answer = c.answer(b64("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"));
        assertThat(answer).isEqualTo(b64("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="));
        c.verify(b64("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="));
    }

    @Test
    void scramRefusesAServerThatCannotProveItKnowsTheKeysOrPlaysGames() {
        ClientScram c = new ClientScram("SCRAM-SHA-256", "user", "pencil", "rOprNGfwEbeRWgbNEkqO");
        c.answer(b64("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
        assertThatThrownBy(() -> c.verify(b64("v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))).hasMessageContaining("does not verify");
        assertThatThrownBy(() -> c.verify(b64("e=invalid-proof"))).hasMessageContaining("invalid-proof");
        ClientScram d = new ClientScram("SCRAM-SHA-256", "user", "pencil", "abc");
        assertThatThrownBy(() -> d.answer(b64("r=xyz123,s=QSXCR+Q6sek8bf92,i=4096"))).hasMessageContaining("nonce");
        assertThatThrownBy(() -> d.answer(b64("r=abcdef,s=QSXCR+Q6sek8bf92,i=2000000000"))).hasMessageContaining("iterations");
        assertThat(ClientScram.saslName("a=b,c")).isEqualTo("a=3Db=2Cc");
        ClientSasl.Exchange x = ClientSasl.start("SCRAM-SHA-256", "user", "pencil");
        x.next("");
        assertThat(x.complete()).isFalse();
    }

    @Test
    void oauthResponsesCarryTheBearerTokenInTheirKnownLayouts() {
        assertThat(new String(Base64.getDecoder().decode(ClientSasl.xoauth2("ann@example.com", "ya29.tok")), StandardCharsets.UTF_8))
                .isEqualTo("user=ann@example.com\u0001auth=Bearer ya29.tok\u0001\u0001");
        assertThat(new String(Base64.getDecoder().decode(ClientSasl.oauthBearer("a,b=c", "tok")), StandardCharsets.UTF_8))
                .isEqualTo("n,a=a=2Cb=3Dc,\u0001auth=Bearer tok\u0001\u0001");
        ClientSasl.Exchange x = ClientSasl.start("OAUTHBEARER", "ann", "tok");
        x.next("");
        assertThat(x.next("eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIn0=")).as("answer to the error challenge").isEqualTo("AQ==");
        assertThat(ClientSasl.option("XOAUTH2", "--source-auth")).isEqualTo("XOAUTH2");
        assertThat(ClientSasl.firstOffered(Set.of("XOAUTH2", "OAUTHBEARER"))).as("auto never picks a token mechanism").isNull();
    }
}
