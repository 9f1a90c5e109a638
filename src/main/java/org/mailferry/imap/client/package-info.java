/**
 * IMAP4rev1 client side (RFC 3501), used by the movers: a response parser that streams literals to a
 * caller-chosen sink, a blocking connection with tagged command pipelining, modified UTF-7 mailbox names
 * (RFC 3501 §5.1.3) and the extensions the movers rely on (LITERAL+ RFC 7888, UIDPLUS RFC 4315,
 * NAMESPACE RFC 2342, ACL RFC 4314), implicit TLS or STARTTLS and LOGIN/AUTHENTICATE through
 * {@code net.client}. Knows no store and no server code; uses only the JDK.
 */
package org.mailferry.imap.client;
