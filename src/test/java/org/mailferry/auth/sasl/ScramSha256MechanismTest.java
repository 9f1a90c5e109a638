package org.mailferry.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailferry.auth.scheme.ScramCredentials;

/** SCRAM-SHA-256 as a state machine: RFC 7677's example exchange byte for byte, and every refusal. */
class ScramSha256MechanismTest {

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(SaslStep step) {
        assertThat(step).isInstanceOf(SaslStep.Challenge.class);
        return new String(((SaslStep.Challenge) step).data(), StandardCharsets.UTF_8);
    }

    @Test
    void rfc7677Example() {
        // RFC 7677 §3: user "user", password "pencil", salt W22ZaJ0SNY7soEsUEjb6gQ==, 4096 iterations.
        ScramCredentials keys = ScramCredentials.derive(ScramCredentials.Hash.SHA_256, b("pencil"),
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        String stored = "\002{SCRAM-SHA-256}" + keys.toText();
        SaslContext ctx = new SaslContext(u -> u.equals("user") ? Optional.of(stored) : Optional.empty(),
                "h", new SecureRandom(), new byte[32], 4096);
        var mech = new ScramSha256Mechanism(ctx, () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
        assertThat(s(mech.start(b("n,,n=user,r=rOprNGfwEbeRWgbNEkqO")))).isEqualTo(
                "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        assertThat(s(mech.respond(b("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="))))
                .isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
        assertThat(mech.respond(new byte[0])).isEqualTo(new SaslStep.Success("user", ""));
        assertThatThrownBy(() -> mech.respond(new byte[0])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rfc7677ExampleWithAWrongProofFails() {
        ScramCredentials keys = ScramCredentials.derive(ScramCredentials.Hash.SHA_256, b("pencil"),
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        SaslContext ctx = new SaslContext(u -> Optional.of("\002{SCRAM-SHA-256}" + keys.toText()), "h",
                new SecureRandom(), new byte[32], 4096);
        var mech = new ScramSha256Mechanism(ctx, () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
        mech.start(b("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        SaslStep step = mech.respond(b("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVM="));
        assertThat(step).isEqualTo(new SaslStep.Failure(SaslStep.Reason.BAD_CREDENTIALS,
                "SCRAM-SHA-256: bad credentials"));
    }

    @Test
    void withoutInitialResponseTheServerSendsAnEmptyChallenge() {
        var mech = new ScramSha256Mechanism(Accounts.context());
        assertThat(s(mech.start(null))).isEmpty();
        assertThat(s(mech.respond(b("n,,n=clear,r=abc")))).startsWith("r=abc");
    }

    @Test
    void unknownUsersAndClearPasswordsGetStableDerivedSalts() {
        SaslContext ctx = Accounts.context();
        String a1 = s(new ScramSha256Mechanism(ctx).start(b("n,,n=nobody,r=abc")));
        String a2 = s(new ScramSha256Mechanism(ctx).start(b("n,,n=nobody,r=abc")));
        String c1 = s(new ScramSha256Mechanism(ctx).start(b("n,,n=clear,r=abc")));
        String c2 = s(new ScramSha256Mechanism(ctx).start(b("n,,n=clear,r=abc")));
        assertThat(salt(a1)).isEqualTo(salt(a2)).isNotEqualTo(salt(c1));
        assertThat(salt(c1)).isEqualTo(salt(c2));
        assertThat(a1).endsWith(",i=4096");
        assertThat(c1).endsWith(",i=4096");
    }

    private static String salt(String serverFirst) {
        return serverFirst.replaceAll(".*,s=([^,]*),.*", "$1");
    }

    @Test
    void refusals() {
        record Case(String clientFirst, String clientFinal, SaslStep.Reason reason) {
        }
        String nonce = "r=abc";
        for (Case c : new Case[] {
                new Case("p=tls-unique,,n=clear,r=abc", null, SaslStep.Reason.UNSUPPORTED),
                new Case("n,,m=ext,n=clear,r=abc", null, SaslStep.Reason.UNSUPPORTED),
                new Case("x,,n=clear,r=abc", null, SaslStep.Reason.MALFORMED),
                new Case("n,,r=abc,n=clear", null, SaslStep.Reason.MALFORMED),
                new Case("n,,n=cl=ear,r=abc", null, SaslStep.Reason.MALFORMED),
                new Case("n,,n=,r=abc", null, SaslStep.Reason.MALFORMED),
                new Case("n,,n=clear,r=", null, SaslStep.Reason.MALFORMED),
                new Case("n,x=y,n=clear,r=abc", null, SaslStep.Reason.MALFORMED),
                new Case("n,,n=clear", null, SaslStep.Reason.MALFORMED),
                new Case("n,,n=clear,r=abc", "c=biws,r=abcX", SaslStep.Reason.MALFORMED),
                new Case("n,,n=clear,r=abc", "c=eSws,NONCE,p=AAAA", SaslStep.Reason.MALFORMED),
                new Case("n,,n=clear,r=abc", "c=biws,r=wrong,p=AAAA", SaslStep.Reason.MALFORMED),
                new Case("n,,n=clear,r=abc", "c=biws,NONCE,p=AAAA", SaslStep.Reason.MALFORMED),
                new Case("n,,n=clear,r=abc", "c=biws,NONCE,p=" + "A".repeat(43) + "=", SaslStep.Reason.BAD_CREDENTIALS),
        }) {
            var mech = new ScramSha256Mechanism(Accounts.context(), () -> "SRV");
            SaslStep step = mech.start(b(c.clientFirst()));
            if (c.clientFinal() != null) {
                assertThat(step).as(c.toString()).isInstanceOf(SaslStep.Challenge.class);
                step = mech.respond(b(c.clientFinal().replace("NONCE", nonce + "SRV")));
            }
            assertThat(step).as(c.toString()).isInstanceOfSatisfying(SaslStep.Failure.class,
                    f -> assertThat(f.reason()).as(c.toString()).isEqualTo(c.reason()));
        }
    }

    @Test
    void oversizedOrNonUtf8MessagesAreMalformed() {
        var big = new ScramSha256Mechanism(Accounts.context());
        assertThat(big.start(new byte[SaslServer.MAX_MESSAGE + 1])).isInstanceOfSatisfying(SaslStep.Failure.class,
                f -> assertThat(f.reason()).isEqualTo(SaslStep.Reason.MALFORMED));
        var bad = new ScramSha256Mechanism(Accounts.context());
        assertThat(bad.start(new byte[] {'n', ',', ',', (byte) 0xC3})).isInstanceOf(SaslStep.Failure.class);
    }

    @Test
    void saslNameEscapes() {
        assertThat(ScramSha256Mechanism.saslName("a=2Cb=3Dc")).contains("a,b=c");
        assertThat(ScramSha256Mechanism.saslName("a=2")).isEmpty();
        assertThat(ScramSha256Mechanism.saslName("a=41")).isEmpty();
        assertThat(ScramSha256Mechanism.saslName("a,b")).isEmpty();
    }

    @Test
    void nonEmptyAnswerToServerFinalIsRefused() {
        SaslContext ctx = Accounts.context();
        var mech = new ScramSha256Mechanism(ctx, () -> "SRV");
        String first = s(mech.start(b("n,,n=clear,r=abc")));
        ScramCredentials keys = ScramCredentials.derive(ScramCredentials.Hash.SHA_256, b(Accounts.PW),
                Base64.getDecoder().decode(salt(first)), 4096);
        String withoutProof = "c=biws,r=abcSRV";
        byte[] auth = b("n=clear,r=abc," + first + "," + withoutProof);
        byte[] clientKey = ScramCredentials.Hash.SHA_256.hmac(ScramCredentials.hi(ScramCredentials.Hash.SHA_256,
                b(Accounts.PW), keys.salt(), 4096), b("Client Key"));
        byte[] sig = ScramCredentials.Hash.SHA_256.hmac(keys.storedKey(), auth);
        for (int i = 0; i < sig.length; i++) {
            clientKey[i] ^= sig[i];
        }
        assertThat(s(mech.respond(b(withoutProof + ",p=" + Base64.getEncoder().encodeToString(clientKey)))))
                .startsWith("v=");
        assertThat(mech.respond(b("x"))).isInstanceOf(SaslStep.Failure.class);
    }
}
