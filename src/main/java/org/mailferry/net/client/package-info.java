/**
 * The client side of the network layer, for the movers' protocol clients (imap.client, pop3.client,
 * smtp.client): TLS modes and trust ({@link org.mailferry.net.client.ClientTls}: implicit TLS, STARTTLS,
 * certificate and host-name checks) and the client halves of the SASL mechanisms and APOP
 * ({@link org.mailferry.net.client.ClientSasl}). JDK only (javax.net.ssl); knows no protocol.
 */
package org.mailferry.net.client;
