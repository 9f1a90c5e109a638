/**
 * The locks legacy Unix mailers honour: {@code fcntl} record locks on the mailbox file and the
 * {@code <file>.lock} dotlock, taken without blocking in Debian's order (fcntl, then dotlock) and retried,
 * so a program taking them in the other order (procmail, sendmail's mail.local) cannot deadlock with us.
 * See docs/store.md "Locking". Uses only java.nio.
 */
package org.mailferry.store.lock;
