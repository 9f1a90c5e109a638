/**
 * POP3 codec (RFC 1939, 2449, 2595, 5034): command lines to {@link org.mailferry.pop3.proto.Pop3Command}
 * records, the TOP filter. Pure: no socket, no session, no store.
 */
package org.mailferry.pop3.proto;
