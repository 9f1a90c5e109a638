package org.mailferry.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * SASL LOGIN (draft-murchison-sasl-login): the server asks {@code Username:} then {@code Password:}; each answer is
 * a UTF-8 string. An initial response, when given, is the user name (as Outlook and others send it). Checked with
 * {@link CredentialLookup#verifyPlain}. Offer it only on a protected link.
 */
public final class LoginMechanism implements SaslServer {
    static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

    private sealed interface State permits New, WantUser, WantPassword, Done {
    }

    private record New() implements State {
    }

    private record WantUser() implements State {
    }

    private record WantPassword(String user) implements State {
    }

    private record Done() implements State {
    }

    private final SaslContext context;
    private State state = new New();

    public LoginMechanism(SaslContext context) {
        this.context = context;
    }

    @Override
    public String mechanism() {
        return "LOGIN";
    }

    @Override
    public SaslStep start(byte[] initialResponse) {
        if (!(state instanceof New)) {
            throw new IllegalStateException("LOGIN already started");
        }
        state = new WantUser();
        return initialResponse == null || initialResponse.length == 0 ? new SaslStep.Challenge(USERNAME)
                : respond(initialResponse);
    }

    @Override
    public SaslStep respond(byte[] response) {
        State s = state;
        state = new Done();
        if (response.length > MAX_MESSAGE) {
            return new SaslStep.Failure(SaslStep.Reason.MALFORMED, "LOGIN answer over " + MAX_MESSAGE + " bytes");
        }
        Optional<String> text = Utf8.decode(response);
        if (text.isEmpty() || text.get().indexOf('\0') >= 0) {
            return new SaslStep.Failure(SaslStep.Reason.MALFORMED, "LOGIN answer is not UTF-8 text");
        }
        return switch (s) {
            case WantUser u -> {
                if (text.get().isEmpty()) {
                    yield new SaslStep.Failure(SaslStep.Reason.MALFORMED, "LOGIN: empty user name");
                }
                state = new WantPassword(text.get());
                yield new SaslStep.Challenge(PASSWORD);
            }
            case WantPassword p -> context.lookup().verifyPlain(p.user(), text.get())
                    ? new SaslStep.Success(p.user(), "")
                    : new SaslStep.Failure(SaslStep.Reason.BAD_CREDENTIALS, "LOGIN: bad credentials");
            case New n -> throw new IllegalStateException("LOGIN not started");
            case Done d -> throw new IllegalStateException("LOGIN exchange is over");
        };
    }
}
