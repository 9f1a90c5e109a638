/**
 * SMTP client side (RFC 5321, SIZE RFC 1870, 8BITMIME RFC 6152, PIPELINING not used), used by
 * MovePOPMail to submit retrieved messages: implicit TLS or STARTTLS (RFC 3207) and AUTH (RFC 4954) through
 * {@code net.client}, EHLO/HELO, one transaction per message with dot-stuffing
 * and CRLF normalisation, replies with their codes. Knows no store and no server code; uses only the JDK.
 */
package org.mailferry.smtp.client;
