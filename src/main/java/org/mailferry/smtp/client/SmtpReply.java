package org.mailferry.smtp.client;

import java.util.List;

/** One SMTP reply (RFC 5321 §4.2): the three-digit code and its text lines. */
public record SmtpReply(int code, List<String> lines) {
    public boolean positive() { return code >= 200 && code < 400; }

    public boolean permanent() { return code >= 500; }

    public String text() { return String.join(" / ", lines); }

    @Override
    public String toString() { return code + " " + text(); }
}
