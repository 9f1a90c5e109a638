/**
 * MailDir mailboxes ({@code .mdir}): a folder with one file per message named
 * {@code <uid>-<flags>-<yyyymmddhhmmss>} (docs/formats.md §3), written under {@code tmp/} and renamed in.
 * File access only; the engine keeps UIDs, keywords and mod-sequences.
 */
package org.mailferry.store.mdir;
