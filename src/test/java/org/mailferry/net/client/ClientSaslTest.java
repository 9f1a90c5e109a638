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
        assertThat(ClientSasl.firstOffered(Set.of("SCRAM-SHA-256", "GSSAPI"))).isNull();
        assertThat(ClientSasl.option("Cram-MD5", "--source-auth")).isEqualTo("CRAM-MD5");
        assertThat(ClientSasl.option("apop", "--pop-auth", "USER", "APOP")).isEqualTo("APOP");
        assertThatThrownBy(() -> ClientSasl.option("apop", "--source-auth")).hasMessageContaining("--source-auth 'apop'");
        assertThatThrownBy(() -> TlsMode.parse("ssl")).hasMessageContaining("auto, none, starttls or implicit");
        assertThat(TlsMode.AUTO.resolve(993, 993)).isEqualTo(TlsMode.IMPLICIT);
        assertThat(TlsMode.AUTO.resolve(143, 993)).isEqualTo(TlsMode.AUTO);
        assertThat(TlsMode.NONE.resolve(993, 993)).isEqualTo(TlsMode.NONE);
    }
}
