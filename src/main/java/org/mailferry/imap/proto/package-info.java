/**
 * IMAP codec (RFC 3501 and extensions): bytes to command records ({@link org.mailferry.imap.proto.ImapReader},
 * {@link org.mailferry.imap.proto.CommandParser}) and responses to bytes
 * ({@link org.mailferry.imap.proto.ImapWriter}), sequence sets, fetch items, search keys, modified UTF-7.
 * Pure: may use streams and {@code org.mailferry.net.LineReader}; knows no socket, no session, no store.
 */
package org.mailferry.imap.proto;
