/**
 * POP3 server (RFC 1939, CAPA/RESP-CODES RFC 2449, STLS RFC 2595, AUTH RFC 5034): sessions over an account's
 * INBOX with a maildrop lock and deletions applied at QUIT. Uses pop3.proto, net, access and store.
 */
package org.mailferry.pop3.server;
