package org.mailferry.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailferry.directory.Account;
import org.mailferry.smtp.proto.MailAddress;
import org.mailferry.smtp.proto.SmtpReply;
import org.mailferry.store.MessageSource;
import org.mailferry.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery for the whole server: begins {@link DeliveryTransaction}s for the SMTP sessions, and is the outbound
 * queue's worker (local retries and relaying) and bouncer (DSNs to the sender).
 */
public final class DeliveryService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);

    /**
     * Settings, validated at start.
     *
     * @param hostName       the server name (Received, HELO, DSN Reporting-MTA)
     * @param maxMessageSize the largest message accepted (SIZE)
     * @param maxRecipients  recipients per message
     * @param connectTimeoutMillis relay connect and read timeout
     */
    public record Settings(String hostName, long maxMessageSize, int maxRecipients, int connectTimeoutMillis) {
        public Settings {
            if (maxMessageSize < 1 || maxRecipients < 1 || connectTimeoutMillis < 100) {
                throw new IllegalArgumentException("bad delivery settings");
            }
        }
    }

    /** The usual retry schedule: 1, 5, 15, 30 minutes, then every hour. */
    public static final List<Duration> RETRIES = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1));

    final Router router;
    final LocalDelivery local;
    final OutboundQueue queue;
    final Transport transport;
    final Settings settings;

    public DeliveryService(Router router, LocalDelivery local, OutboundQueue queue, Transport transport,
                           Settings settings) {
        this.router = router;
        this.local = local;
        this.queue = queue;
        this.transport = transport;
        this.settings = settings;
    }

    /** Starts the queue's delivery thread. */
    public void start() {
        queue.start(this::attempt, this::bounce);
    }

    public Settings settings() {
        return settings;
    }

    public Router router() {
        return router;
    }

    public OutboundQueue queue() {
        return queue;
    }

    /** A new transaction for a message from {@code envelope}. */
    public DeliveryTransaction begin(Envelope envelope) {
        return new DeliveryTransaction(this, envelope);
    }

    // ---- queue worker --------------------------------------------------------------------------------

    void attempt(QueueEntry e, Path message) {
        Map<String, List<QueueEntry.Rcpt>> remote = new LinkedHashMap<>();
        for (QueueEntry.Rcpt r : e.pending()) {
            MailAddress a;
            try {
                a = MailAddress.parse(r.address());
            } catch (IllegalArgumentException ex) {
                e.update(r.address(), QueueEntry.State.FAILED, "550 5.1.3 bad address");
                continue;
            }
            Router.Result res = router.route(a);
            switch (res) {
                case Router.Result.Unknown u -> e.update(r.address(), QueueEntry.State.FAILED,
                        "550 5.1.1 no such user here");
                case Router.Result.Loop l -> e.update(r.address(), QueueEntry.State.FAILED,
                        "554 5.4.6 routing loop");
                case Router.Result.Deliver d -> {
                    for (Route route : d.routes()) {
                        switch (route) {
                            case Route.Local loc -> deliverLocal(e, r, loc.account(), message);
                            case Route.Remote rem -> remote.computeIfAbsent(rem.address().domainKey(),
                                    k -> new ArrayList<>()).add(new QueueEntry.Rcpt(rem.address().address(),
                                    r.notifyOn(), r.orcpt(), r.state(), r.diagnostic()));
                        }
                    }
                    if (d.routes().isEmpty()) {
                        e.update(r.address(), QueueEntry.State.DONE, "250 empty group");
                    }
                }
            }
        }
        for (var entry : remote.entrySet()) {
            relay(e, message, entry.getKey(), entry.getValue());
        }
    }

    private void deliverLocal(QueueEntry e, QueueEntry.Rcpt r, Account account, Path message) {
        try {
            local.deliver(account, MessageSource.ofPath(message), new Envelope(e.from(), Map.of(), "queue", null,
                    "local", null));
            e.update(r.address(), QueueEntry.State.DONE, "250 delivered");
        } catch (StoreException ex) {
            if (ex.reason().temporary()) {
                e.update(r.address(), QueueEntry.State.PENDING, ex.reason().smtpReply() + " " + ex.getMessage());
            } else {
                e.update(r.address(), QueueEntry.State.FAILED, ex.reason().smtpReply() + " " + ex.getMessage());
            }
        }
    }

    private void relay(QueueEntry e, Path message, String domain, List<QueueEntry.Rcpt> rcpts) {
        long size;
        try {
            size = Files.size(message);
        } catch (IOException ex) {
            log.error("queue: message {} unreadable: {}", e.id(), ex.toString());
            return;
        }
        String lastError = "no host to send to";
        for (Transport.Hop hop : transport.hops(domain)) {
            try (RelayClient c = RelayClient.connect(hop.host(), hop.port(), settings.connectTimeoutMillis(),
                    settings.hostName()); InputStream in = Files.newInputStream(message)) {
                for (RelayClient.Outcome o : c.send(e, rcpts, size, e.eightBit(), in)) {
                    SmtpReply rep = o.reply();
                    String diag = hop.host() + " said: " + rep.code() + " " + String.join(" ", rep.lines());
                    QueueEntry.State st = rep.positive() ? QueueEntry.State.DONE
                            : rep.transientFailure() ? QueueEntry.State.PENDING : QueueEntry.State.FAILED;
                    e.update(o.recipient(), st, diag);
                }
                c.quit();
                log.info("queue: {} sent to {} via {}:{}", e.id(), domain, hop.host(), hop.port());
                return;
            } catch (RelayClient.RelayException ex) {
                lastError = hop.host() + " said: " + ex.reply;
                if (!ex.reply.transientFailure()) {
                    for (QueueEntry.Rcpt r : rcpts) {
                        e.update(r.address(), QueueEntry.State.FAILED, lastError);
                    }
                    return;
                }
            } catch (IOException ex) {
                lastError = "cannot deliver via " + hop.host() + ":" + hop.port() + ": " + ex.getMessage();
                log.info("queue: {}: {}", e.id(), lastError);
            }
        }
        for (QueueEntry.Rcpt r : rcpts) {
            e.update(r.address(), QueueEntry.State.PENDING, lastError);
        }
    }

    // ---- bounces -------------------------------------------------------------------------------------

    void bounce(QueueEntry e, Path message, List<QueueEntry.Rcpt> failed) {
        if (e.from().isNull()) {
            log.warn("queue: a bounce ({}) could not be delivered to {}; dropped", e.id(), failed);
            return;
        }
        List<Bounces.Failure> notify = new ArrayList<>();
        for (QueueEntry.Rcpt r : failed) {
            if (r.notifyFailure()) {
                notify.add(new Bounces.Failure(r.address(), r.orcpt(), status(r.diagnostic()), r.diagnostic()));
            }
        }
        if (notify.isEmpty()) {
            return;
        }
        sendBounce(e.from(), e.envid(), "HDRS".equals(e.ret()), Instant.ofEpochMilli(e.created()), notify, message);
    }

    /** Sends a DSN about {@code failures} to {@code sender} (from the null sender, so it never bounces back). */
    void sendBounce(MailAddress sender, String envid, boolean headersOnly, Instant arrival,
                    List<Bounces.Failure> failures, Path original) {
        try {
            byte[] dsn = Bounces.failure(settings.hostName(), sender.address(), envid, headersOnly, arrival,
                    failures, original);
            Envelope env = new Envelope(MailAddress.NULL, Map.of(), settings.hostName(), null, "local", null);
            try (DeliveryTransaction t = begin(env)) {
                SmtpReply r = t.addRecipient(sender, Map.of(), true);
                if (!r.positive()) {
                    log.warn("bounce to {} refused: {}", sender, r);
                    return;
                }
                try (var out = t.openBody(false)) {
                    out.write(dsn);
                }
                SmtpReply done = t.commit();
                log.info("bounce to {}: {}", sender, done);
            }
        } catch (IOException ex) {
            log.error("cannot create a bounce to {}: {}", sender, ex.toString());
        }
    }

    /** The enhanced status code in a diagnostic ("550 5.1.1 …" or "host said: 550 5.1.1 …"), or 5.0.0. */
    static String status(String diag) {
        if (diag != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b")
                    .matcher(diag);
            if (m.find()) {
                String s = m.group(1);
                return s.startsWith("2") || s.startsWith("4") ? "5" + s.substring(1) : s;
            }
        }
        return "5.0.0";
    }

    @Override
    public void close() {
        queue.close();
    }
}
