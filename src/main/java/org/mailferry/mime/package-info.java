/**
 * Raw message codecs, no I/O beyond streams and no store: the mbox From_ separator line
 * ({@link org.mailferry.mime.FromLine}), mboxrd {@code >From } quoting
 * ({@link org.mailferry.mime.MboxQuoting}) and a header-field scanner over raw bytes
 * ({@link org.mailferry.mime.HeaderScan}). Protocol code (BODYSTRUCTURE, ENVELOPE) may add its own files.
 */
package org.mailferry.mime;
