package org.mailferry.smtp.proto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An SMTP reply (RFC 5321 §4.2) with its enhanced status code (RFC 3463, RFC 2034): {@code 250 2.1.5 OK}.
 * A reply with several lines is written {@code 250-…} … {@code 250 …}. The text is public: it never holds an
 * exception message, a path or a secret.
 */
public record SmtpReply(int code, String enhanced, List<String> lines) {
    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("bad SMTP reply code " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("empty SMTP reply");
        }
    }

    public SmtpReply(int code, String enhanced, String text) {
        this(code, enhanced, List.of(text));
    }

    public boolean positive() {
        return code < 400;
    }

    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    /** Writes the reply; the enhanced code is added when {@code enhancedCodes} and one is set. */
    public void write(OutputStream out, boolean enhancedCodes) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (enhancedCodes && enhanced != null) {
                sb.append(enhanced).append(' ');
            }
            sb.append(lines.get(i)).append("\r\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return code + (enhanced != null ? " " + enhanced : "") + " " + String.join(" / ", lines);
    }

    // The replies used by more than one place.
    public static final SmtpReply OK = new SmtpReply(250, "2.0.0", "OK");
    public static final SmtpReply SYNTAX = new SmtpReply(500, "5.5.2", "Syntax error, command unrecognized");
    public static final SmtpReply BAD_SEQUENCE = new SmtpReply(503, "5.5.1", "Bad sequence of commands");
    public static final SmtpReply LINE_TOO_LONG = new SmtpReply(500, "5.5.6", "Line too long");
    public static final SmtpReply RELAY_DENIED = new SmtpReply(554, "5.7.1", "Relaying denied");
    public static final SmtpReply NO_SUCH_USER = new SmtpReply(550, "5.1.1", "No such user here");
    public static final SmtpReply TEMP_FAILURE = new SmtpReply(451, "4.3.0", "Temporary failure, try again later");
    public static final SmtpReply AUTH_REQUIRED = new SmtpReply(530, "5.7.0", "Authentication required");
    public static final SmtpReply AUTH_FAILED = new SmtpReply(535, "5.7.8", "Authentication credentials invalid");
    public static final SmtpReply BYE = new SmtpReply(221, "2.0.0", "Bye");
}
