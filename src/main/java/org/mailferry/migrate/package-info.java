/**
 * The movers of the seed's migration chapter: MovePOPMail, MoveIMAPMail and MoveAccounts, with the
 * per-account journal that makes reruns exact, the folder-name mapping, the long-line fixer, the verifier
 * and the reports, the back-off for temporary refusals and the TLS/login options ({@link
 * org.mailferry.migrate.NetOptions}). Uses the protocol clients ({@code imap.client}, {@code pop3.client},
 * {@code smtp.client}) and picocli; knows no store and no server code (the Mailferry-specific fidelity
 * mode will reach the server only through its admin protocol).
 */
package org.mailferry.migrate;
