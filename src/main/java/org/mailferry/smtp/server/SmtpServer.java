package org.mailferry.smtp.server;

import java.io.IOException;
import java.net.Socket;
import org.mailferry.access.MailAccess;
import org.mailferry.delivery.DeliveryService;
import org.mailferry.net.Connection;
import org.mailferry.net.Listener;
import org.mailferry.net.TlsConfig;

/** The SMTP service on one listener: inbound (25), submission (587) or SMTPS (465), per its settings. */
public final class SmtpServer implements Listener.Handler {
    private final MailAccess access;
    private final DeliveryService delivery;
    private final TlsConfig tls;
    private final SmtpSettings settings;

    public SmtpServer(MailAccess access, DeliveryService delivery, TlsConfig tls, SmtpSettings settings) {
        this.access = access;
        this.delivery = delivery;
        this.tls = tls;
        this.settings = settings;
    }

    MailAccess access() {
        return access;
    }

    DeliveryService delivery() {
        return delivery;
    }

    SmtpSettings settings() {
        return settings;
    }

    @Override
    public void serve(Socket socket) throws IOException {
        try (Connection c = Connection.open(socket, tls, settings.implicitTls())) {
            c.setTimeout(settings.idleTimeoutMillis());
            new SmtpSession(this, c).run();
        }
    }
}
