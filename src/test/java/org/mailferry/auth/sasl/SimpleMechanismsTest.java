package org.mailferry.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailferry.auth.scheme.HmacMd5State;

/** PLAIN, LOGIN, CRAM-MD5 and APOP: message syntax, refusals, state, and RFC examples. */
class SimpleMechanismsTest {
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static SaslStep.Reason reason(SaslStep step) {
        assertThat(step).isInstanceOf(SaslStep.Failure.class);
        return ((SaslStep.Failure) step).reason();
    }

    @Test
    void plain() {
        assertThat(new PlainMechanism(Accounts.context()).start(b("\0clear\0pencil")))
                .isEqualTo(new SaslStep.Success("clear", ""));
        var noIr = new PlainMechanism(Accounts.context());
        assertThat(noIr.start(null)).isInstanceOfSatisfying(SaslStep.Challenge.class,
                c -> assertThat(c.data()).isEmpty());
        assertThat(noIr.respond(b("admin\0clear\0pencil"))).isEqualTo(new SaslStep.Success("clear", "admin"));
        assertThatThrownBy(() -> noIr.respond(b("x"))).isInstanceOf(IllegalStateException.class);
        for (String bad : new String[] {"clear\0pencil", "\0\0pencil", "\0clear\0", "a\0clear\0pen\0cil"}) {
            assertThat(reason(new PlainMechanism(Accounts.context()).start(b(bad)))).as(bad)
                    .isEqualTo(SaslStep.Reason.MALFORMED);
        }
        assertThat(reason(new PlainMechanism(Accounts.context()).start(new byte[] {0, 'a', 0, (byte) 0xFF})))
                .isEqualTo(SaslStep.Reason.MALFORMED);
        assertThat(reason(new PlainMechanism(Accounts.context()).start(new byte[5000])))
                .isEqualTo(SaslStep.Reason.MALFORMED);
        assertThat(reason(new PlainMechanism(Accounts.context()).start(b("\0clear\0Pencil"))))
                .isEqualTo(SaslStep.Reason.BAD_CREDENTIALS);
    }

    @Test
    void login() {
        var m = new LoginMechanism(Accounts.context());
        assertThat(m.start(null)).isInstanceOfSatisfying(SaslStep.Challenge.class,
                c -> assertThat(new String(c.data())).isEqualTo("Username:"));
        assertThat(m.respond(b("acrpt"))).isInstanceOfSatisfying(SaslStep.Challenge.class,
                c -> assertThat(new String(c.data())).isEqualTo("Password:"));
        assertThat(m.respond(b("pencil"))).isEqualTo(new SaslStep.Success("acrpt", ""));
        var ir = new LoginMechanism(Accounts.context());
        assertThat(ir.start(b("clear"))).isInstanceOf(SaslStep.Challenge.class);
        assertThat(reason(ir.respond(b("wrong")))).isEqualTo(SaslStep.Reason.BAD_CREDENTIALS);
        var empty = new LoginMechanism(Accounts.context());
        empty.start(null);
        assertThat(reason(empty.respond(new byte[0]))).isEqualTo(SaslStep.Reason.MALFORMED);
    }

    @Test
    void cramMd5() {
        var m = new CramMd5Mechanism(Accounts.context());
        SaslStep first = m.start(null);
        String challenge = new String(((SaslStep.Challenge) first).data(), StandardCharsets.US_ASCII);
        assertThat(challenge).matches("<[0-9]+\\.[0-9]+@mail\\.example\\.test>");
        String digest = HexFormat.of().formatHex(HmacMd5State.of(b("pencil")).mac(b(challenge)));
        assertThat(m.respond(b("clear " + digest))).isEqualTo(new SaslStep.Success("clear", ""));

        var upper = new CramMd5Mechanism(Accounts.context());
        String ch2 = new String(((SaslStep.Challenge) upper.start(null)).data(), StandardCharsets.US_ASCII);
        String d2 = HexFormat.of().formatHex(HmacMd5State.of(b("pencil")).mac(b(ch2))).toUpperCase();
        assertThat(upper.respond(b("clear " + d2))).isInstanceOf(SaslStep.Success.class);

        assertThat(reason(new CramMd5Mechanism(Accounts.context()).start(b("x")))).isEqualTo(SaslStep.Reason.MALFORMED);
        for (String bad : new String[] {"clear", "clear abc", " " + digest, "clear " + digest + "0"}) {
            var x = new CramMd5Mechanism(Accounts.context());
            x.start(null);
            assertThat(reason(x.respond(b(bad)))).as(bad).isEqualTo(SaslStep.Reason.MALFORMED);
        }
    }

    @Test
    void cramMd5UserNamesMayHoldSpaces() {
        SaslContext ctx = new SaslContext(u -> u.equals("John Smith") ? Optional.of("pw") : Optional.empty(), "h",
                new SecureRandom(), new byte[32], 4096);
        var m = new CramMd5Mechanism(ctx);
        byte[] ch = ((SaslStep.Challenge) m.start(null)).data();
        String digest = HexFormat.of().formatHex(HmacMd5State.of(b("pw")).mac(ch));
        assertThat(m.respond(b("John Smith " + digest))).isEqualTo(new SaslStep.Success("John Smith", ""));
    }

    @Test
    void rfc2195Example() {
        // RFC 2195 §2: tim / tanstaaftanstaaf, challenge <1896.697170952@postoffice.reston.mci.net>.
        byte[] mac = HmacMd5State.of(b("tanstaaftanstaaf")).mac(b("<1896.697170952@postoffice.reston.mci.net>"));
        assertThat(HexFormat.of().formatHex(mac)).isEqualTo("b913a602c7eda7a495b4e6e7334d3890");
    }

    @Test
    void apopRfc1939Example() {
        // RFC 1939 §7: mrose / tanstaaf, greeting <1896.697170952@dbc.mtview.ca.us>.
        SaslContext ctx = new SaslContext(u -> u.equals("mrose") ? Optional.of("tanstaaf") : Optional.empty(), "h",
                new SecureRandom(), new byte[32], 4096);
        String ts = "<1896.697170952@dbc.mtview.ca.us>";
        assertThat(Apop.verify(ctx, ts, "mrose", "c4c9334bac560ecc979e58001b3e22fb")).isTrue();
        assertThat(Apop.verify(ctx, ts, "mrose", "C4C9334BAC560ECC979E58001B3E22FB")).isTrue();
        assertThat(Apop.verify(ctx, ts, "mrose", "c4c9334bac560ecc979e58001b3e22fc")).isFalse();
        assertThat(Apop.verify(ctx, ts, "nobody", "c4c9334bac560ecc979e58001b3e22fb")).isFalse();
        assertThat(Apop.verify(ctx, ts, "mrose", "xyz")).isFalse();
        assertThat(Apop.timestamp(ctx)).matches("<[0-9]+\\.[0-9]+@h>");
    }

    @Test
    void apopNeedsAClearPassword() {
        String ts = "<1.2@h>";
        String digest = HexFormat.of().formatHex(org.mailferry.auth.scheme.Secrets.digest("MD5", b(ts + "pencil")));
        assertThat(Apop.verify(Accounts.context(), ts, "clear", digest)).isTrue();
        assertThat(Apop.verify(Accounts.context(), ts, "plainimp", digest)).isTrue();
        assertThat(Apop.verify(Accounts.context(), ts, "acrpt", digest)).isFalse();
        assertThat(Apop.verify(Accounts.context(), ts, "cram", digest)).isFalse();
    }

    @Test
    void registry() {
        assertThat(SaslMechanisms.names(true)).containsExactly("SCRAM-SHA-256", "CRAM-MD5", "PLAIN", "LOGIN");
        assertThat(SaslMechanisms.names(false)).containsExactly("SCRAM-SHA-256", "CRAM-MD5");
        assertThat(SaslMechanisms.create("scram-sha-256", Accounts.context())).get()
                .isInstanceOf(ScramSha256Mechanism.class);
        assertThat(SaslMechanisms.create("DIGEST-MD5", Accounts.context())).isEmpty();
    }
}
