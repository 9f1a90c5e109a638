package org.mailferry.access;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mailferry.directory.AccountSettings;
import org.mailferry.directory.Directory;
import org.mailferry.directory.Domain;
import org.mailferry.directory.PasswordCodec;
import org.mailferry.imap.server.ImapServer;
import org.mailferry.imap.server.ImapSettings;
import org.mailferry.net.Listener;
import org.mailferry.net.TlsConfig;
import org.mailferry.store.MailStore;

/**
 * A real server for protocol tests: a temp base directory with domain {@code example.test} and accounts
 * {@code alice} (password {@code alice-pw}, alias {@code al}) and {@code bob} ({@code bob-pw}), plus
 * {@code carol@second.test} ({@code carol-pw}); the store; a self-signed TLS certificate; and whichever
 * listeners a test starts on ephemeral loopback ports. Login failures wait {@link #FAILURE_DELAY} ms.
 */
public final class TestServer implements AutoCloseable {
    public static final long FAILURE_DELAY = 50;

    public final Path base;
    public final Directory directory;
    public final MailStore store;
    public final MailAccess access;
    public final TlsConfig tls;
    private final List<Listener> listeners = new ArrayList<>();

    private TestServer(Path base, AccessSettings settings) throws IOException {
        this(base, settings, true);
    }

    private TestServer(Path base, AccessSettings settings, boolean populate) throws IOException {
        this.base = base;
        this.directory = Directory.open(base, "example.test", PasswordCodec.CLEAR_ONLY);
        if (populate) {
            populate(directory);
        }
        this.store = new MailStore();
        this.access = new MailAccess(directory, store, settings, MailAccess.saslSecret(base.resolve("Settings/sasl.secret")));
        this.tls = TlsConfig.load(null, null, null, base.resolve("Settings/SelfSigned.p12"), "localhost");
    }

    /** Opens a server on an existing base directory (a restart). */
    public static TestServer reopen(Path base) throws IOException {
        return new TestServer(base, new AccessSettings("mail.example.test", FAILURE_DELAY, Duration.ofMinutes(15),
                30, 10, true), false);
    }

    private static void populate(Directory directory) {
        Domain main = directory.mainDomain();
        main.createAccount("alice", null, false, Map.of(AccountSettings.PASSWORD, "alice-pw",
                AccountSettings.REAL_NAME, "Alice Liddell"));
        main.setAccountAliases("alice", List.of("al"));
        main.createAccount("bob", null, false, Map.of(AccountSettings.PASSWORD, "bob-pw"));
        main.createAccount("postmaster", null, false, Map.of(AccountSettings.PASSWORD, "pm-pw"));
        directory.createDomain("second.test", Map.of()).createAccount("carol", null, false,
                Map.of(AccountSettings.PASSWORD, "carol-pw"));
    }

    /**
     * Adds account {@code public} ({@code public-pw}) as the main domain's {@code SharedFolders} (the shared
     * namespace {@code #shared/}), with mailboxes News (anyone: lr, holding {@code newsMessage}), Team/Reports
     * (alice: lrswi), Drop (authenticated: li) and Secret (bob: lr).
     */
    public void sharedFolders(String newsMessage) throws org.mailferry.store.StoreException {
        Domain main = directory.mainDomain();
        main.createAccount("public", null, false, Map.of(AccountSettings.PASSWORD, "public-pw"));
        main.updateSettings(Map.of("SharedFolders", "public"), false);
        var pub = access.store(directory.findAccount("public").orElseThrow());
        for (String[] m : new String[][] {{"News", "anyone", "lr"}, {"Team/Reports", "alice", "lrswi"},
                {"Drop", "authenticated", "li"}, {"Secret", "bob", "lr"}}) {
            pub.create(m[0]);
            pub.setAcl(m[0], m[1], m[2]);
        }
        pub.append("News", List.of(org.mailferry.store.AppendRequest.of(org.mailferry.store.MessageSource.ofBytes(
                newsMessage.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
    }

    public static TestServer create(Path base) throws IOException {
        return create(base, new AccessSettings("mail.example.test", FAILURE_DELAY, Duration.ofMinutes(15), 30, 10,
                true));
    }

    public static TestServer create(Path base, AccessSettings settings) throws IOException {
        return new TestServer(base, settings);
    }

    public int listen(String name, Listener.Handler handler) throws IOException {
        return listen(name, handler, Listener.Limits.DEFAULT);
    }

    public int listen(String name, Listener.Handler handler, Listener.Limits limits) throws IOException {
        Listener l = Listener.start(name, InetAddress.getLoopbackAddress(), 0, limits, handler);
        listeners.add(l);
        return l.localAddress().getPort();
    }

    public ImapSettings imapSettings() {
        return ImapSettings.defaults(base.resolve("tmp"));
    }

    /** Starts IMAP (STARTTLS) and returns its port. */
    public int imap() throws IOException {
        return listen("imap", new ImapServer(access, tls, imapSettings(), false));
    }

    /** Starts IMAPS (implicit TLS) and returns its port. */
    public int imaps() throws IOException {
        return listen("imaps", new ImapServer(access, tls, imapSettings(), true));
    }

    private org.mailferry.pop3.server.Pop3Server pop3;

    /** The POP3 service of this server (one maildrop lock set for POP3 and POP3S). */
    public synchronized org.mailferry.pop3.server.Pop3Server pop3Server() {
        if (pop3 == null) {
            pop3 = new org.mailferry.pop3.server.Pop3Server(access, tls, false, 60_000);
        }
        return pop3;
    }

    public int pop3() throws IOException {
        return listen("pop3", pop3Server());
    }

    public int pop3s() throws IOException {
        return listen("pop3s", pop3Server().withImplicitTls());
    }

    private org.mailferry.delivery.DeliveryService delivery;

    /** Delivery with the queue in BASE/Queue, relaying through {@code relayHost} (null: none), fast retries. */
    public synchronized org.mailferry.delivery.DeliveryService delivery(String relayHost) throws IOException {
        if (delivery == null) {
            org.mailferry.delivery.OutboundQueue q = new org.mailferry.delivery.OutboundQueue(base.resolve("Queue"),
                    java.util.List.of(Duration.ofMillis(300)), Duration.ofSeconds(30), java.time.Clock.systemUTC());
            delivery = new org.mailferry.delivery.DeliveryService(new org.mailferry.delivery.DirectoryRouter(directory),
                    org.mailferry.delivery.DeliveryTransaction.inbox(access), q,
                    new org.mailferry.delivery.Transport(relayHost),
                    new org.mailferry.delivery.DeliveryService.Settings("mail.example.test", 10 * 1024 * 1024, 100,
                            10_000));
            delivery.start();
        }
        return delivery;
    }

    /** Starts an SMTP listener (inbound when {@code submission} is false) and returns its port. */
    public int smtp(boolean submission, boolean implicitTls, String relayClients, String relayHost)
            throws IOException {
        org.mailferry.smtp.server.ClientNetworks nets = org.mailferry.smtp.server.ClientNetworks.parse(relayClients);
        var settings = submission ? org.mailferry.smtp.server.SmtpSettings.submission(nets, implicitTls)
                : org.mailferry.smtp.server.SmtpSettings.inbound(nets);
        return listen("smtp", new org.mailferry.smtp.server.SmtpServer(access, delivery(relayHost), tls, settings));
    }

    @Override
    public void close() {
        for (Listener l : listeners) {
            l.close();
        }
        if (delivery != null) {
            delivery.close();
        }
        store.close();
        directory.close();
    }
}
