/**
 * Wiring of the mail protocols: builds the TLS configuration, account access, and the IMAP, POP3 and SMTP
 * services with their settings from the server settings, by hand. The application asks it for the handler of a
 * listener name. May use every protocol package; nothing but {@code app} uses it.
 */
package org.mailferry.protocols;
