package org.mailferry.imap.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hand-made messages covering the MIME shapes IMAP clients meet, with CRLF line ends. */
final class MimeCorpus {
    private MimeCorpus() {
    }

    static byte[] crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static List<byte[]> messages() {
        List<byte[]> m = new ArrayList<>();
        m.add(crlf("""
                Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)
                From: Terry Gray <gray@cac.washington.edu>
                Subject: IMAP4rev1 WG mtg summary and minutes
                To: imap@cac.washington.edu
                cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>
                Message-Id: <B27397-0100000@cac.washington.edu>
                MIME-Version: 1.0
                Content-Type: TEXT/PLAIN; CHARSET=US-ASCII

                Hello Joe, do you think we can meet at 3:30 tomorrow?
                Second line.
                """));
        m.add(crlf("""
                From: "Smith, John" <john@example.com>
                To: Undisclosed recipients:;, friends: a@x.example, "B B" <b@y.example>;
                Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=
                Reply-To: <@route.example:reply@example.com>
                In-Reply-To: <orig@example.com>
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="alt-1"

                preamble text
                --alt-1
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                Gr=C3=BC=C3=9Fe
                --alt-1
                Content-Type: text/html; charset="utf-8"

                <p>Hi</p>

                --alt-1--
                epilogue
                """));
        m.add(crlf("""
                From: a@example.com
                To: b@example.com
                Subject: nested
                Content-Type: multipart/mixed; boundary=outer

                --outer
                Content-Type: multipart/alternative; boundary=inner

                --inner
                Content-Type: text/plain

                plain
                --inner
                Content-Type: text/html

                <b>html</b>
                --inner--

                --outer
                Content-Type: application/pdf; name="doc.pdf"
                Content-Disposition: attachment; filename="doc.pdf"
                Content-Transfer-Encoding: base64
                Content-ID: <part3@example.com>
                Content-Description: A document
                Content-Language: en, de
                Content-Location: http://example.com/doc.pdf

                JVBERi0xLjQKJcfs
                j6IKNCAwIG9iago=
                --outer
                Content-Type: message/rfc822

                From: inner@example.com
                To: someone@example.com
                Subject: forwarded
                Date: Mon, 1 Jan 2024 10:00:00 +0000
                Content-Type: multipart/mixed; boundary="fwd"

                --fwd
                Content-Type: text/plain; charset=iso-8859-1

                forwarded body
                --fwd
                Content-Type: image/png
                Content-Transfer-Encoding: base64

                iVBORw0KGgo=
                --fwd--

                --outer--
                """));
        m.add(crlf("""
                From: digest@example.com
                Subject: digest
                Content-Type: multipart/digest; boundary=d

                --d

                From: one@example.com
                Subject: one

                first
                --d

                From: two@example.com
                Subject: two

                second
                --d--
                """));
        m.add(crlf("""
                From: nobody@example.com
                Subject: no content type, empty body

                """));
        m.add(crlf("""
                Subject: header only"""));
        m.add(crlf("""
                From: x@example.com
                Subject: unclosed multipart
                Content-Type: multipart/mixed; boundary=zz

                --zz
                Content-Type: text/plain

                never closed
                """));
        m.add(crlf("""
                From: x@example.com
                Subject: attached message with plain body
                Content-Type: multipart/mixed; boundary=b1

                --b1
                Content-Type: text/plain

                see attached
                --b1
                Content-Type: message/rfc822
                Content-Disposition: inline

                Subject: inner
                From: y@example.com

                inner text
                line 2
                --b1--
                """));
        m.add(crlf("""
                From: x@example.com
                Subject: multipart without boundary
                Content-Type: multipart/mixed

                body text
                """));
        m.add(crlf("""
                Sender: sender@example.com
                From: a@example.com, b@example.com
                Subject: folded
                 subject line
                Content-Type: text/plain;
                 charset=utf-8;
                 format=flowed (comment)

                folded header body
                """));
        return m;
    }
}
