package org.mailferry.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class MailDateTest {
    @Test
    void rfc5322AndTheObsoleteFormsRealMailCarries() {
        assertThat(MailDate.parse("Fri, 21 Nov 1997 09:55:06 -0600")).contains(OffsetDateTime.parse("1997-11-21T09:55:06-06:00"));
        assertThat(MailDate.parse("21 Nov 97 09:55:06 GMT")).contains(OffsetDateTime.parse("1997-11-21T09:55:06Z"));
        assertThat(MailDate.parse("Thu,\r\n 13\r\n   Feb\r\n     1969\r\n 23:32\r\n  -0330 (Newfoundland Time)"))
                .contains(OffsetDateTime.parse("1969-02-13T23:32:00-03:30"));
        assertThat(MailDate.parse("Mon, 1 Jan 2001 00:00:00 EST")).contains(OffsetDateTime.parse("2001-01-01T00:00:00-05:00"));
        assertThat(MailDate.parse("Tue, 3 Jun 2008 11:05:30 +0200 (CEST)")).contains(OffsetDateTime.parse("2008-06-03T11:05:30+02:00"));
        assertThat(MailDate.parse("1 jan 05 1:02:03 z")).contains(OffsetDateTime.parse("2005-01-01T01:02:03Z"));
        assertThat(MailDate.parse("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)")).contains(OffsetDateTime.parse("1996-07-17T02:23:25-07:00"));
    }

    @Test
    void receivedFieldsGiveTheDateAfterTheirLastSemicolon() {
        assertThat(MailDate.parseReceived("from mx.example.org (mx.example.org [192.0.2.1]) by mail.example.com (Postfix) with ESMTP id 1;"
                + " Tue, 3 Jun 2008 11:05:30 +0200 (CEST)")).contains(OffsetDateTime.parse("2008-06-03T11:05:30+02:00"));
        assertThat(MailDate.parseReceived("from a by b")).isEmpty();
    }

    @Test
    void anythingElseIsNoDate() {
        assertThat(MailDate.parse("yesterday")).isEmpty();
        assertThat(MailDate.parse("31 Feb 2001 10:00:00 +0000")).isEmpty();
        assertThat(MailDate.parse("1 Foo 2001 10:00:00 +0000")).isEmpty();
        assertThat(MailDate.parse("1 Jan 2001 25:00:00 +0000")).isEmpty();
        assertThat(MailDate.parse(null)).isEmpty();
    }
}
