package org.mailferry.smtp.client;

/** The SMTP server refused a step; {@link #reply()} tells whether the failure is temporary (4xx) or permanent (5xx). */
public class SmtpException extends Exception {
    private final SmtpReply reply;

    public SmtpException(String step, SmtpReply reply) {
        super(step + " refused: " + reply);
        this.reply = reply;
    }

    public SmtpReply reply() { return reply; }
}
