package org.mailferry.pop3.server;

import java.io.IOException;
import java.net.Socket;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mailferry.access.MailAccess;
import org.mailferry.net.Connection;
import org.mailferry.net.Listener;
import org.mailferry.net.TlsConfig;
import org.mailferry.pop3.proto.UidlFormat;

/**
 * The POP3 service on one listener (110 with STLS, 995 with implicit TLS). Holds the maildrop locks of all its
 * sessions: an account has at most one POP3 session in the transaction state at a time (RFC 1939 §8), so share
 * one instance between the POP3 and POP3S listeners.
 */
public final class Pop3Server implements Listener.Handler {
    private final MailAccess access;
    private final TlsConfig tls;
    private final Set<String> locked;
    private final WireSizes sizes;
    private final boolean implicitTls;
    private final int idleTimeoutMillis;

    private final java.util.function.Supplier<UidlFormat> uidls;

    public Pop3Server(MailAccess access, TlsConfig tls, boolean implicitTls, int idleTimeoutMillis) {
        this(access, tls, implicitTls, idleTimeoutMillis, () -> UidlFormat.DEFAULT);
    }

    /** @param uidls the UIDL format for each new session (a server setting that may change while running) */
    public Pop3Server(MailAccess access, TlsConfig tls, boolean implicitTls, int idleTimeoutMillis,
                      java.util.function.Supplier<UidlFormat> uidls) {
        this(access, tls, implicitTls, idleTimeoutMillis, ConcurrentHashMap.newKeySet(), new WireSizes(), uidls);
    }

    private Pop3Server(MailAccess access, TlsConfig tls, boolean implicitTls, int idleTimeoutMillis,
                       Set<String> locked, WireSizes sizes, java.util.function.Supplier<UidlFormat> uidls) {
        this.uidls = uidls;
        this.sizes = sizes;
        this.access = access;
        this.tls = tls;
        this.implicitTls = implicitTls;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.locked = locked;
    }

    /** The same service (sharing maildrop locks) with implicit TLS, for the POP3S port. */
    public Pop3Server withImplicitTls() {
        return new Pop3Server(access, tls, true, idleTimeoutMillis, locked, sizes, uidls);
    }

    MailAccess access() {
        return access;
    }

    UidlFormat uidlFormat() {
        return uidls.get();
    }

    WireSizes sizes() {
        return sizes;
    }

    /** Takes the maildrop lock of an account; false when another session holds it. */
    boolean lock(String account) {
        return locked.add(account.toLowerCase(Locale.ROOT));
    }

    void unlock(String account) {
        locked.remove(account.toLowerCase(Locale.ROOT));
    }

    @Override
    public void serve(Socket socket) throws IOException {
        try (Connection c = Connection.open(socket, tls, implicitTls)) {
            c.setTimeout(idleTimeoutMillis);
            new Pop3Session(this, c).run();
        }
    }
}
