package org.mailferry.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every mechanism against a client no one here wrote — Python's smtplib code for PLAIN, LOGIN and CRAM-MD5, and a
 * SCRAM-SHA-256 client written in the test script from RFC 5802 with hashlib/hmac — for every stored form: which
 * forms each mechanism can use (the table in docs/passwords.md), and that unknown users fail like wrong passwords.
 */
class SaslInteropTest {
    static final List<String> FORMS = List.of("clear", "acrpt", "sha512", "scram", "cram", "plainimp");
    static PythonSaslClient python;

    @BeforeAll
    static void startPython() throws Exception {
        python = new PythonSaslClient();
    }

    @AfterAll
    static void stopPython() throws Exception {
        python.close();
    }

    private static void check(Function<SaslContext, SaslServer> mech, List<String> working) throws Exception {
        for (String user : FORMS) {
            boolean works = working.contains(user);
            var ok = python.run(mech.apply(Accounts.context()), user, Accounts.PW, "");
            String what = mech.apply(Accounts.context()).mechanism() + " with stored form " + user;
            if (works) {
                assertThat(ok.clientExit()).as(what).isZero();
                assertThat(ok.serverStep()).as(what).isEqualTo(new SaslStep.Success(user, ""));
            } else {
                assertThat(ok.clientExit()).as(what + " must fail").isEqualTo(3);
                assertThat(ok.serverStep()).as(what).isInstanceOf(SaslStep.Failure.class);
            }
            var wrong = python.run(mech.apply(Accounts.context()), user, "pencil2", "");
            assertThat(wrong.clientExit()).as(what + " wrong password").isEqualTo(3);
            assertThat(((SaslStep.Failure) wrong.serverStep()).reason()).isEqualTo(SaslStep.Reason.BAD_CREDENTIALS);
        }
        var unknown = python.run(mech.apply(Accounts.context()), "nobody", Accounts.PW, "");
        assertThat(unknown.clientExit()).as("unknown user").isEqualTo(3);
        assertThat(((SaslStep.Failure) unknown.serverStep()).reason()).isEqualTo(SaslStep.Reason.BAD_CREDENTIALS);
    }

    @Test
    void plainWorksWithEveryForm() throws Exception {
        check(PlainMechanism::new, FORMS);
    }

    @Test
    void loginWorksWithEveryForm() throws Exception {
        check(LoginMechanism::new, FORMS);
    }

    @Test
    void cramMd5NeedsClearOrCramMd5Form() throws Exception {
        check(CramMd5Mechanism::new, List.of("clear", "cram", "plainimp"));
    }

    @Test
    void scramSha256NeedsClearACrptOrScramForm() throws Exception {
        check(ScramSha256Mechanism::new, List.of("clear", "acrpt", "scram", "plainimp"));
    }

    @Test
    void authorizationIdentityIsReported() throws Exception {
        var plain = python.run(new PlainMechanism(Accounts.context()), "acrpt", Accounts.PW, "boss");
        assertThat(plain.serverStep()).isEqualTo(new SaslStep.Success("acrpt", "boss"));
        var scram = python.run(new ScramSha256Mechanism(Accounts.context()), "clear", Accounts.PW,
                "a,b=c");
        assertThat(scram.clientExit()).isZero();
        assertThat(scram.serverStep()).isEqualTo(new SaslStep.Success("clear", "a,b=c"));
    }
}
