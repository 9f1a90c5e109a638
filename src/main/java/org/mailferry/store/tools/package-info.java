/**
 * Admin tools over the store: {@code mailferry import mbox|maildir}. Uses the store's public API and
 * {@link org.mailferry.directory.Layout} to find accounts; takes the same locks as the server.
 */
package org.mailferry.store.tools;
