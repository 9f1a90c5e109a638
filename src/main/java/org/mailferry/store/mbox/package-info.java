/**
 * Text mailboxes ({@code .mbox}, the BSD format with Mailferry's From_ fields and mboxrd quoting) and
 * legacy mbox files opened in place, including the Legacy INBOX in {@code /var/mail}. File access only:
 * UIDs, flags and mod-sequences are the engine's ({@code store.engine}). See docs/formats.md §1–§3.
 */
package org.mailferry.store.mbox;
