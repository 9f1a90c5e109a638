package org.mailferry.smtp.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.mailferry.smtp.proto.SmtpCommand;
import org.mailferry.smtp.proto.SmtpReply;

/**
 * BDAT (CHUNKING, RFC 3030): each chunk's bytes are read exactly as announced — also when the command is refused,
 * so the session stays in step — and appended to the transaction's body; BDAT LAST commits. Bytes beyond the
 * size limit are read and dropped, and LAST then answers 552.
 */
final class BdatHandler {
    private BdatHandler() {
    }

    static void bdat(SmtpSession s, SmtpCommand.Bdat b) throws IOException {
        long max = s.server().delivery().settings().maxMessageSize();
        SmtpSession.State.Chunking ch = switch (s.state()) {
            case SmtpSession.State.Chunking c -> c;
            case SmtpSession.State.Mail m when m.txn().recipientCount() > 0 ->
                    new SmtpSession.State.Chunking(m, m.txn().openBody(true), 0, false);
            default -> null;
        };
        if (ch == null) {
            skip(s.conn().in(), b.size());
            s.fail(new SmtpReply(503, "5.5.1", s.state() instanceof SmtpSession.State.Mail ? "No valid recipients"
                    : "Send MAIL and RCPT first"));
            return;
        }
        boolean tooBig = ch.tooBig() || ch.size() + b.size() > max;
        if (tooBig) {
            skip(s.conn().in(), b.size());
        } else {
            copy(s.conn().in(), ch.body(), b.size());
        }
        long size = ch.size() + b.size();
        if (!b.last()) {
            s.state(new SmtpSession.State.Chunking(ch.mail(), ch.body(), size, tooBig));
            s.send(new SmtpReply(250, "2.0.0", b.size() + " octets received"));
            return;
        }
        ch.body().close();
        s.finish(ch.mail(), tooBig);
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new java.io.EOFException("connection closed inside a BDAT chunk");
            }
            out.write(buf, 0, r);
            left -= r;
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        copy(in, OutputStream.nullOutputStream(), n);
    }
}
