package org.mailferry.smtp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.mailferry.access.SaslDriver;
import org.mailferry.auth.sasl.SaslServer;
import org.mailferry.smtp.proto.SmtpCommand;
import org.mailferry.smtp.proto.SmtpReply;

/** SMTP AUTH (RFC 4954): 334 challenges, {@code *} cancels, 235 on success, 535 on failure. */
final class AuthHandler {
    private AuthHandler() {
    }

    static void auth(SmtpSession s, SmtpSession.State.Ready r, SmtpCommand.Auth a) throws IOException {
        var conn = s.conn();
        Optional<SaslServer> sasl = s.access().sasl(a.mechanism(), conn.secure(), conn.remoteAddress());
        if (sasl.isEmpty()) {
            if (s.access().mechanisms(true, conn.remoteAddress()).contains(a.mechanism())) {
                s.fail(new SmtpReply(538, "5.7.11", "Encryption required for requested authentication mechanism"));
            } else {
                s.fail(new SmtpReply(504, "5.5.4", "Unrecognized authentication type"));
            }
            return;
        }
        SaslDriver.Outcome o = SaslDriver.run(s.access(), sasl.get(), a.initialResponse(), new SaslDriver.Wire() {
            @Override
            public void challenge(String base64) throws IOException {
                s.send(new SmtpReply(334, null, base64.isEmpty() ? "" : base64));
                conn.flush();
            }

            @Override
            public String response() throws IOException {
                byte[] l = conn.in().readLine(12 * 1024);
                return l == null ? null : new String(l, StandardCharsets.US_ASCII);
            }
        }, conn.remoteAddress());
        switch (o) {
            case SaslDriver.Outcome.Success ok -> {
                s.state(new SmtpSession.State.Ready(r.helo(), r.esmtp(), ok.account()));
                s.send(new SmtpReply(235, "2.7.0", "Authentication successful"));
            }
            case SaslDriver.Outcome.Failed f -> s.fail(SmtpReply.AUTH_FAILED);
            case SaslDriver.Outcome.Cancelled x -> s.fail(new SmtpReply(501, "5.7.0", "Authentication cancelled"));
            case SaslDriver.Outcome.Malformed m -> s.fail(new SmtpReply(501, "5.5.2", m.text()));
        }
    }
}
