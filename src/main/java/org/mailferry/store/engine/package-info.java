/**
 * The one skeleton every mailbox format shares: UIDs, flags, mod-sequences, expunge, the index and journal
 * beside each mailbox, session views and change notification. A format ({@code store.mbox},
 * {@code store.mdir}) implements {@link org.mailferry.store.engine.Backend} and only reads and writes its
 * files. See docs/store.md.
 */
package org.mailferry.store.engine;
