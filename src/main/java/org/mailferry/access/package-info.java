/**
 * How the mail-access and transfer protocols (IMAP, POP3, SMTP AUTH) reach accounts: login by name and password
 * or SASL through the directory (aliases and {@code name@domain} resolved), failed-login delays and throttling
 * per client address and per account, and the account's mail store. Uses directory, auth, auth.sasl and store;
 * knows no protocol syntax and no socket.
 */
package org.mailferry.access;
