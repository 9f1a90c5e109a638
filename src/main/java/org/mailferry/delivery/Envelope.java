package org.mailferry.delivery;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.mailferry.smtp.proto.MailAddress;

/**
 * What is known of a message besides its content when it enters delivery (RFC 5321 §2.3.1): the reverse path,
 * the MAIL parameters (BODY, SMTPUTF8, RET, ENVID), and where it came from (for the Received header).
 *
 * @param from       the reverse path ({@link MailAddress#NULL} for bounces)
 * @param params     MAIL parameters by upper-case keyword
 * @param helo       the client's HELO/EHLO name
 * @param client     the client's address
 * @param protocol   {@code ESMTP}, {@code ESMTPS}, {@code ESMTPSA} … (RFC 3848), or {@code local}
 * @param authUser   the authenticated account address, or null
 */
public record Envelope(MailAddress from, Map<String, String> params, String helo, InetAddress client,
                       String protocol, String authUser) {
    public Envelope {
        params = Map.copyOf(params);
    }

    /** One accepted recipient with its RCPT parameters (NOTIFY, ORCPT). */
    public record Recipient(MailAddress address, Map<String, String> params) {
        public Recipient {
            params = Map.copyOf(params);
        }

        /** Whether a failure DSN is wanted (RFC 3461 §4.1: default FAILURE,DELAY). */
        public boolean notifyFailure() {
            String n = params.get("NOTIFY");
            return n == null || List.of(n.split(",")).contains("FAILURE");
        }
    }
}
