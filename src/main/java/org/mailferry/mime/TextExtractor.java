package org.mailferry.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * Decoded text of a message for searching (IMAP SEARCH BODY/TEXT/HEADER, RFC 3501 §6.4.4): header values with
 * encoded words decoded (RFC 2047), text parts with their transfer encoding and charset decoded (RFC 2045).
 * Uses mime4j's codecs. Non-text parts are skipped; each part is read up to {@value #MAX_PART} bytes.
 */
public final class TextExtractor {
    public static final int MAX_PART = 16 * 1024 * 1024;

    private TextExtractor() {
    }

    /** Reads a byte range of the message. */
    @FunctionalInterface
    public interface RangeSource {
        InputStream open(long offset, long length) throws IOException;
    }

    /** A header value (raw bytes in an ISO-8859-1 string) as text: 8-bit bytes as UTF-8, encoded words decoded. */
    public static String headerValue(String raw) {
        String s = raw;
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) >= 0x80) {
                s = new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                break;
            }
        }
        if (!s.contains("=?")) {
            return s;
        }
        try {
            return DecoderUtil.decodeEncodedWords(s, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return s;
        }
    }

    /** The decoded text of every text part under {@code part}, separated by newlines. */
    public static String bodyText(MimePart part, RangeSource source) throws IOException {
        StringBuilder sb = new StringBuilder();
        collect(part, source, sb);
        return sb.toString();
    }

    private static void collect(MimePart p, RangeSource source, StringBuilder sb) throws IOException {
        if (p.multipart()) {
            for (MimePart c : p.children()) {
                collect(c, source, sb);
            }
            return;
        }
        if (p.rfc822()) {
            for (var f : p.message().fields()) {
                sb.append(headerValue(f.value())).append('\n');
            }
            collect(p.message(), source, sb);
            return;
        }
        if (!p.type().equals("text")) {
            return;
        }
        long len = Math.min(p.bodySize(), MAX_PART);
        if (len <= 0) {
            return;
        }
        String enc = p.field("Content-Transfer-Encoding");
        enc = enc == null ? "" : enc.strip().toLowerCase(Locale.ROOT);
        try (InputStream raw = source.open(p.bodyStart(), len)) {
            InputStream in = switch (enc) {
                case "base64" -> new Base64InputStream(raw, DecodeMonitor.SILENT);
                case "quoted-printable" -> new QuotedPrintableInputStream(raw, DecodeMonitor.SILENT);
                default -> raw;
            };
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            sb.append(out.toString(charset(p.param("charset")))).append('\n');
        }
    }

    private static Charset charset(String name) {
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.strip());
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
