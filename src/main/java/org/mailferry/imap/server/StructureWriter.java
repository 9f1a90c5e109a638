package org.mailferry.imap.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailferry.imap.proto.ImapWriter;
import org.mailferry.mime.AddressParser;
import org.mailferry.mime.HeaderField;
import org.mailferry.mime.MimePart;

/**
 * Writes the FETCH items ENVELOPE, BODY and BODYSTRUCTURE (RFC 3501 §7.4.2) from a parsed {@link MimePart}.
 * Types, subtypes, parameter names and encodings are upper-cased as in the RFC's examples; values are sent
 * as they are in the message (no decoding).
 */
final class StructureWriter {
    private StructureWriter() {
    }

    static void envelope(ImapWriter w, List<HeaderField> fields) throws IOException {
        w.raw("(");
        nstring(w, HeaderField.first(fields, "Date"));
        w.sp();
        nstring(w, HeaderField.first(fields, "Subject"));
        String from = HeaderField.first(fields, "From");
        String sender = HeaderField.first(fields, "Sender");
        String replyTo = HeaderField.first(fields, "Reply-To");
        for (String v : new String[] {from, sender == null || sender.isBlank() ? from : sender,
                replyTo == null || replyTo.isBlank() ? from : replyTo, HeaderField.first(fields, "To"),
                HeaderField.first(fields, "Cc"), HeaderField.first(fields, "Bcc")}) {
            w.sp();
            addresses(w, v);
        }
        w.sp();
        nstring(w, HeaderField.first(fields, "In-Reply-To"));
        w.sp();
        nstring(w, HeaderField.first(fields, "Message-ID"));
        w.raw(")");
    }

    private static void nstring(ImapWriter w, String latin1) throws IOException {
        w.nstring(latin1 == null ? null : latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void addresses(ImapWriter w, String value) throws IOException {
        List<AddressParser.Address> list = value == null ? List.of() : AddressParser.parse(value);
        if (list.isEmpty()) {
            w.raw("NIL");
            return;
        }
        w.raw("(");
        for (AddressParser.Address a : list) {
            w.raw("(");
            nstring(w, a.name());
            w.sp();
            nstring(w, a.route());
            w.sp();
            nstring(w, a.mailbox());
            w.sp();
            nstring(w, a.host());
            w.raw(")");
        }
        w.raw(")");
    }

    /** BODY ({@code extensible} false) or BODYSTRUCTURE. */
    static void body(ImapWriter w, MimePart p, boolean extensible) throws IOException {
        if (p.multipart() && !p.children().isEmpty()) {
            w.raw("(");
            for (MimePart c : p.children()) {
                body(w, c, extensible);
            }
            w.sp();
            upper(w, p.subtype());
            if (extensible) {
                w.sp();
                params(w, p.params());
                extension(w, p);
            }
            w.raw(")");
            return;
        }
        boolean mp = p.multipart();
        w.raw("(");
        upper(w, mp ? "text" : p.type());
        w.sp();
        upper(w, mp ? "plain" : p.subtype());
        w.sp();
        params(w, p.params());
        w.sp();
        nstring(w, p.field("Content-ID"));
        w.sp();
        nstring(w, p.field("Content-Description"));
        w.sp();
        String enc = p.field("Content-Transfer-Encoding");
        upper(w, enc == null || enc.isBlank() ? "7BIT" : enc.strip());
        w.sp().number(p.bodySize());
        if (p.rfc822()) {
            w.sp();
            envelope(w, p.message().fields());
            w.sp();
            body(w, p.message(), extensible);
            w.sp().number(p.lines());
        } else if (p.type().equals("text") || mp) {
            w.sp().number(p.lines());
        }
        if (extensible) {
            w.sp();
            nstring(w, p.field("Content-MD5"));
            extension(w, p);
        }
        w.raw(")");
    }

    /** body-fld-dsp SP body-fld-lang SP body-fld-loc. */
    private static void extension(ImapWriter w, MimePart p) throws IOException {
        w.sp();
        String disp = p.field("Content-Disposition");
        org.mailferry.mime.DispositionParser.Disposition d = disp == null ? null
                : org.mailferry.mime.DispositionParser.parse(disp);
        if (d == null) {
            w.raw("NIL");
        } else {
            w.raw("(");
            upper(w, d.type());
            w.sp();
            params(w, d.params());
            w.raw(")");
        }
        w.sp();
        String lang = p.field("Content-Language");
        if (lang == null || lang.isBlank()) {
            w.raw("NIL");
        } else {
            List<String> langs = new ArrayList<>();
            for (String l : lang.split(",")) {
                if (!l.isBlank()) {
                    langs.add(l.strip());
                }
            }
            if (langs.size() == 1) {
                nstring(w, langs.get(0));
            } else {
                w.raw("(");
                for (int i = 0; i < langs.size(); i++) {
                    if (i > 0) {
                        w.sp();
                    }
                    nstring(w, langs.get(i));
                }
                w.raw(")");
            }
        }
        w.sp();
        nstring(w, p.field("Content-Location"));
    }

    private static void params(ImapWriter w, List<Map.Entry<String, String>> params) throws IOException {
        if (params.isEmpty()) {
            w.raw("NIL");
            return;
        }
        w.raw("(");
        boolean first = true;
        for (Map.Entry<String, String> e : params) {
            if (!first) {
                w.sp();
            }
            first = false;
            upper(w, e.getKey());
            w.sp();
            nstring(w, e.getValue());
        }
        w.raw(")");
    }

    private static void upper(ImapWriter w, String s) throws IOException {
        nstring(w, s.toUpperCase(Locale.ROOT));
    }
}
