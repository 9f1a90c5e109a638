package org.mailferry.imap.client;

import java.io.IOException;
import java.io.InputStream;

/**
 * Receives a literal of a response while it is being read, so that a message body can be streamed to
 * a spool file instead of the heap. The sink must read exactly {@code length} bytes from {@code in}
 * (or throw). The returned handle ends up in an {@link ImapValue.Taken}.
 */
@FunctionalInterface
public interface LiteralSink {
    Object take(long length, InputStream in) throws IOException;
}
