package org.mailferry.smtp.proto;

/** A command or argument refused with a given SMTP reply. */
public final class SmtpException extends Exception {
    private final SmtpReply reply;

    public SmtpException(SmtpReply reply) {
        super(reply.toString(), null, false, false);
        this.reply = reply;
    }

    public SmtpException(int code, String enhanced, String text) {
        this(new SmtpReply(code, enhanced, text));
    }

    public SmtpReply reply() {
        return reply;
    }
}
