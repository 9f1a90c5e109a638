package org.mailferry.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Builds delivery status notifications (RFC 3464, RFC 6522 multipart/report): a human-readable part, the
 * machine-readable {@code message/delivery-status} with one block per failed recipient, and the original
 * message ({@code message/rfc822}) or only its header ({@code text/rfc822-headers}) when the sender asked for
 * RET=HDRS. The original is included up to {@value #MAX_RETURNED} bytes.
 */
public final class Bounces {
    static final int MAX_RETURNED = 256 * 1024;
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private Bounces() {
    }

    /** One failed recipient: its address, ORCPT (or null), an enhanced status code and the diagnostic text. */
    public record Failure(String recipient, String orcpt, String status, String diagnostic) {
    }

    public static byte[] failure(String hostName, String sender, String envid, boolean headersOnly, Instant arrival,
                                 List<Failure> failures, Path original) throws IOException {
        String boundary = "mf-" + Long.toHexString(new SecureRandom().nextLong());
        String now = DATE.format(Instant.now().atZone(ZoneOffset.UTC));
        StringBuilder sb = new StringBuilder();
        sb.append("From: Mail Delivery System <MAILER-DAEMON@").append(hostName).append(">\r\n");
        sb.append("To: <").append(sender).append(">\r\n");
        sb.append("Subject: Undelivered Mail Returned to Sender\r\n");
        sb.append("Date: ").append(now).append("\r\n");
        sb.append("Message-ID: <").append(boundary).append('@').append(hostName).append(">\r\n");
        sb.append("Auto-Submitted: auto-replied\r\n");
        sb.append("MIME-Version: 1.0\r\n");
        sb.append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"")
                .append(boundary).append("\"\r\n\r\n");
        sb.append("This is a MIME-encapsulated message.\r\n\r\n");
        sb.append("--").append(boundary).append("\r\n");
        sb.append("Content-Type: text/plain; charset=utf-8\r\n\r\n");
        sb.append("This is the mail system at host ").append(hostName).append(".\r\n\r\n");
        sb.append("Your message could not be delivered to one or more recipients.\r\n\r\n");
        for (Failure f : failures) {
            sb.append("<").append(f.recipient()).append(">: ").append(oneLine(f.diagnostic())).append("\r\n");
        }
        sb.append("\r\n--").append(boundary).append("\r\n");
        sb.append("Content-Type: message/delivery-status\r\n\r\n");
        sb.append("Reporting-MTA: dns; ").append(hostName).append("\r\n");
        if (envid != null) {
            sb.append("Original-Envelope-Id: ").append(envid).append("\r\n");
        }
        sb.append("Arrival-Date: ").append(DATE.format(arrival.atZone(ZoneOffset.UTC))).append("\r\n");
        for (Failure f : failures) {
            sb.append("\r\n");
            if (f.orcpt() != null) {
                sb.append("Original-Recipient: ").append(f.orcpt()).append("\r\n");
            }
            sb.append("Final-Recipient: rfc822; ").append(f.recipient()).append("\r\n");
            sb.append("Action: failed\r\n");
            sb.append("Status: ").append(f.status()).append("\r\n");
            sb.append("Diagnostic-Code: smtp; ").append(oneLine(f.diagnostic())).append("\r\n");
        }
        sb.append("\r\n--").append(boundary).append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] orig = readOriginal(original, headersOnly);
        sb.append("Content-Type: ").append(headersOnly ? "text/rfc822-headers" : "message/rfc822").append("\r\n\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.write(orig);
        if (orig.length > 0 && orig[orig.length - 1] != '\n') {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String oneLine(String s) {
        String t = s == null ? "delivery failed" : s.replaceAll("[\\r\\n]+", " ");
        return t.length() > 500 ? t.substring(0, 500) : t;
    }

    private static byte[] readOriginal(Path file, boolean headersOnly) throws IOException {
        byte[] b;
        try (InputStream in = Files.newInputStream(file)) {
            b = in.readNBytes(MAX_RETURNED);
        }
        if (!headersOnly) {
            return b;
        }
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '\n' && (b[i + 1] == '\n' || (b[i + 1] == '\r' && i + 2 < b.length && b[i + 2] == '\n'))) {
                return java.util.Arrays.copyOf(b, i + 1);
            }
        }
        return b;
    }
}
