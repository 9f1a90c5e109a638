/**
 * POP3 client side (RFC 1939, CAPA from RFC 2449), used by MovePOPMail: implicit TLS or STLS (RFC 2595),
 * login by USER/PASS, APOP or AUTH (RFC 5034) through {@code net.client}, UIDL, streamed RETR with
 * dot-unstuffing, DELE and QUIT. Knows no store and no server code; uses only the JDK.
 */
package org.mailferry.pop3.client;
