/**
 * SMTP codec (RFC 5321 and the ESMTP extensions): command lines to {@link org.mailferry.smtp.proto.SmtpCommand}
 * records, paths and parameters, replies with enhanced status codes. Pure: no socket, no session, no store.
 */
package org.mailferry.smtp.proto;
