package org.mailferry.protocols;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.mailferry.access.AccessSettings;
import org.mailferry.access.MailAccess;
import org.mailferry.delivery.DeliveryService;
import org.mailferry.delivery.DeliveryTransaction;
import org.mailferry.delivery.DirectoryRouter;
import org.mailferry.delivery.OutboundQueue;
import org.mailferry.delivery.Transport;
import org.mailferry.directory.Directory;
import org.mailferry.imap.proto.ImapLimits;
import org.mailferry.imap.server.ImapServer;
import org.mailferry.imap.server.ImapSettings;
import org.mailferry.net.Listener;
import org.mailferry.net.TlsConfig;
import org.mailferry.pop3.server.Pop3Server;
import org.mailferry.smtp.server.ClientNetworks;
import org.mailferry.smtp.server.SmtpServer;
import org.mailferry.smtp.server.SmtpSettings;
import org.mailferry.pop3.proto.UidlFormat;
import org.mailferry.store.MailStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail protocols of one server, built from the base directory and the server settings (Main.settings):
 *
 * <pre>
 * TLSCertificate      PEM (chain, and key unless TLSPrivateKey) or PKCS#12 file; none: a self-signed certificate
 *                     made on first start in Settings/SelfSigned.p12
 * TLSPrivateKey       PEM private key file (when not inside TLSCertificate)
 * TLSPassword         PKCS#12 password
 * AllowInsecurePlainLogin  NO forbids clear-text passwords on unencrypted links from non-loopback addresses
 * LoginFailureDelay   milliseconds before answering a failed login (default 1000; doubles per failure)
 * MaxMessageSize      largest message accepted by APPEND and SMTP (default 50M)
 * RelayHost           HOST[:PORT] all outbound mail goes through (the --relay-host option wins); none: MX look-up
 * ClientIPs           addresses, CIDR blocks and ranges that may relay without AUTH (default: none)
 * QueueExpire         hours a message may wait in the outbound queue before it bounces (default 120)
 * POP3UIDLFormat      UIDLs in Dovecot's pop3_uidl_format notation, e.g. %08Xu%08Xv (default %v.%u; UidlFormat)
 * </pre>
 */
public final class ProtocolServices implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProtocolServices.class);

    private final MailStore store;
    private final MailAccess access;
    private final TlsConfig tls;
    private final ImapSettings imap;
    private final Pop3Server pop3;
    private final DeliveryService delivery;
    private final ClientNetworks relayClients;

    private ProtocolServices(MailStore store, MailAccess access, TlsConfig tls, ImapSettings imap,
                             DeliveryService delivery, ClientNetworks relayClients) {
        this.store = store;
        this.access = access;
        this.tls = tls;
        this.imap = imap;
        this.pop3 = new Pop3Server(access, tls, false, 10 * 60_000, () -> uidlFormat(access));
        this.delivery = delivery;
        this.relayClients = relayClients;
    }

    private volatile UidlFormat lastUidls = UidlFormat.DEFAULT;

    /** The POP3UIDLFormat setting as it is now (it takes effect for the next POP3 session); a bad one is logged. */
    private UidlFormat uidlFormat(MailAccess access) {
        Object v = access.directory().serverSettings().get("POP3UIDLFormat");
        String text = v == null ? UidlFormat.DEFAULT.toString() : String.valueOf(v);
        UidlFormat last = lastUidls;
        if (last.toString().equals(text)) return last;
        try {
            lastUidls = UidlFormat.parse(text);
            return lastUidls;
        } catch (IllegalArgumentException e) {
            log.error("server setting POP3UIDLFormat: {}; using {}", e.getMessage(), last);
            return last;
        }
    }

    /**
     * Builds the services.
     *
     * @param base      the base directory
     * @param directory the open directory
     * @param hostName  the server's host name (greetings, certificate)
     * @param relayHost the --relay-host option, or null
     */
    public static ProtocolServices open(Path base, Directory directory, String hostName, String relayHost)
            throws IOException {
        Map<String, Object> s = directory.serverSettings();
        Path settingsDir = base.resolve("Settings");
        TlsConfig tls = TlsConfig.load(path(base, s.get("TLSCertificate")), path(base, s.get("TLSPrivateKey")),
                s.get("TLSPassword") == null ? null : String.valueOf(s.get("TLSPassword")),
                settingsDir.resolve("SelfSigned.p12"), hostName);
        log.info("TLS: {}", tls.description());
        AccessSettings as = new AccessSettings(hostName, number(s.get("LoginFailureDelay"), 1000),
                Duration.ofMinutes(15), 30, 10, !"NO".equalsIgnoreCase(String.valueOf(s.get(
                "AllowInsecurePlainLogin"))));
        MailStore store = new MailStore();
        MailAccess access = new MailAccess(directory, store, as, MailAccess.saslSecret(settingsDir.resolve(
                "SASL.secret")));
        long maxMessage = size(s.get("MaxMessageSize"), 50L * 1024 * 1024);
        Path tmp = base.resolve("Queue").resolve("tmp");
        ImapSettings imap = new ImapSettings(ImapLimits.defaults(tmp), maxMessage, 8 * 1024, 2 * 60_000, 30 * 60_000,
                20);
        String relay = relayHost != null ? relayHost : s.get("RelayHost") == null ? null
                : String.valueOf(s.get("RelayHost"));
        Object ips = s.get("ClientIPs");
        ClientNetworks nets = ClientNetworks.parse(ips instanceof java.util.List<?> l
                ? String.join(",", l.stream().map(String::valueOf).toList()) : ips == null ? null : String.valueOf(ips));
        OutboundQueue queue = new OutboundQueue(base.resolve("Queue"), DeliveryService.RETRIES,
                Duration.ofHours(number(s.get("QueueExpire"), 120)), java.time.Clock.systemUTC());
        DeliveryService delivery = new DeliveryService(new DirectoryRouter(directory),
                DeliveryTransaction.inbox(access), queue, new Transport(relay),
                new DeliveryService.Settings(hostName, maxMessage, 1000, 60_000));
        delivery.start();
        return new ProtocolServices(store, access, tls, imap, delivery, nets);
    }

    /** The handler of a mail protocol listener, or null for a listener name that is not a mail protocol here. */
    public Listener.Handler handler(String listener) {
        return switch (listener) {
            case "imap" -> new ImapServer(access, tls, imap, false);
            case "imaps" -> new ImapServer(access, tls, imap, true);
            case "pop3" -> pop3;
            case "pop3s" -> pop3.withImplicitTls();
            case "smtp" -> new SmtpServer(access, delivery, tls, SmtpSettings.inbound(relayClients));
            case "submission" -> new SmtpServer(access, delivery, tls, SmtpSettings.submission(relayClients, false));
            case "smtps" -> new SmtpServer(access, delivery, tls, SmtpSettings.submission(relayClients, true));
            default -> null;
        };
    }

    public MailAccess access() {
        return access;
    }

    private static Path path(Path base, Object v) {
        if (v == null || String.valueOf(v).isBlank()) {
            return null;
        }
        return base.resolve(String.valueOf(v));
    }

    private static long number(Object v, long def) {
        if (v == null) {
            return def;
        }
        try {
            return Long.parseLong(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("server setting: not a number: " + v);
        }
    }

    static long size(Object v, long def) {
        if (v == null) {
            return def;
        }
        String t = String.valueOf(v).strip().toUpperCase(Locale.ROOT);
        long mult = 1;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
            mult = t.endsWith("K") ? 1024 : t.endsWith("M") ? 1024 * 1024 : 1024L * 1024 * 1024;
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Long.parseLong(t) * mult;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("server setting MaxMessageSize: not a size: " + v);
        }
    }

    @Override
    public void close() {
        delivery.close();
        store.close();
    }
}
