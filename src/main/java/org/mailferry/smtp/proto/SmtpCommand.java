package org.mailferry.smtp.proto;

import java.util.List;
import java.util.Map;

/**
 * The SMTP commands the server understands (RFC 5321 §4.1; STARTTLS RFC 3207; AUTH RFC 4954; BDAT RFC 3030),
 * as parsed by {@link SmtpParser}. Parameters of MAIL and RCPT are kept by upper-case keyword with their
 * value (null for a keyword without value), validated by the parser.
 */
public sealed interface SmtpCommand {
    record Helo(String domain, boolean extended) implements SmtpCommand {
    }

    record Mail(MailAddress from, Map<String, String> params) implements SmtpCommand {
    }

    record Rcpt(MailAddress to, Map<String, String> params) implements SmtpCommand {
    }

    record Data() implements SmtpCommand {
    }

    record Bdat(long size, boolean last) implements SmtpCommand {
    }

    record Rset() implements SmtpCommand {
    }

    record Vrfy(String argument) implements SmtpCommand {
    }

    record Expn(String argument) implements SmtpCommand {
    }

    record Help(String argument) implements SmtpCommand {
    }

    record Noop() implements SmtpCommand {
    }

    record Quit() implements SmtpCommand {
    }

    record StartTls() implements SmtpCommand {
    }

    /** AUTH; {@code initialResponse} is the base64 text (or "=") or null. */
    record Auth(String mechanism, String initialResponse) implements SmtpCommand {
        @Override
        public String toString() {
            return "Auth[" + mechanism + (initialResponse != null ? " ***" : "") + "]";
        }
    }

    /** The DSN NOTIFY values of a RCPT parameter (RFC 3461 §4.1), empty when absent. */
    static List<String> notify(Rcpt r) {
        String v = r.params().get("NOTIFY");
        return v == null ? List.of() : List.of(v.split(","));
    }
}
