/**
 * SMTP client side (RFC 5321, SIZE RFC 1870, 8BITMIME RFC 6152, PIPELINING not used), used by
 * MovePOPMail to submit retrieved messages: EHLO/HELO, one transaction per message with dot-stuffing
 * and CRLF normalisation, replies with their codes. Knows no store and no server code; uses only the JDK.
 */
package org.mailferry.smtp.client;
