/**
 * SMTP server (RFC 5321) for inbound mail (port 25), submission (587, RFC 6409) and SMTPS (465): ESMTP with
 * PIPELINING, SIZE, 8BITMIME, ENHANCEDSTATUSCODES, STARTTLS, AUTH, DSN, CHUNKING and SMTPUTF8, relay control,
 * and durable acceptance through {@code org.mailferry.delivery}. Uses smtp.proto, net, access and delivery.
 */
package org.mailferry.smtp.server;
