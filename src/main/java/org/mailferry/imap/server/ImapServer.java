package org.mailferry.imap.server;

import java.io.IOException;
import java.net.Socket;
import org.mailferry.access.MailAccess;
import org.mailferry.net.Connection;
import org.mailferry.net.Listener;
import org.mailferry.net.TlsConfig;

/**
 * The IMAP service (RFC 3501 and extensions) on one listener: port 143 with STARTTLS, or 993 with implicit TLS.
 * One {@link ImapSession} per connection, on the connection's virtual thread.
 */
public final class ImapServer implements Listener.Handler {
    private final MailAccess access;
    private final TlsConfig tls;
    private final ImapSettings settings;
    private final boolean implicitTls;

    /**
     * @param tls         TLS configuration, or null to offer no TLS
     * @param implicitTls true for the IMAPS port
     */
    public ImapServer(MailAccess access, TlsConfig tls, ImapSettings settings, boolean implicitTls) {
        this.access = access;
        this.tls = tls;
        this.settings = settings;
        this.implicitTls = implicitTls;
    }

    MailAccess access() {
        return access;
    }

    ImapSettings settings() {
        return settings;
    }

    @Override
    public void serve(Socket socket) throws IOException {
        try (Connection c = Connection.open(socket, tls, implicitTls)) {
            new ImapSession(this, c).run();
        }
    }
}
