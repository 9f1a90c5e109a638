package org.mailferry.delivery;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailferry.smtp.proto.MailAddress;
import org.mailferry.smtp.proto.SmtpReply;
import org.mailferry.store.MessageSource;
import org.mailferry.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message on its way in (maddy's model): recipients are checked and routed as they are added, the body is
 * spooled to a temp file behind a {@code Received:} header, and nothing is kept before {@link #commit()}: local
 * copies are stored (fsync'ed by the store) and the rest is queued (fsync'ed) before commit returns its 250.
 * {@link #close()} without commit deletes the spool file.
 */
public final class DeliveryTransaction implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryTransaction.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            java.util.Locale.ROOT);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DeliveryService svc;
    private final Envelope envelope;
    private final String id;
    private final Instant arrival = Instant.now();
    private final List<Envelope.Recipient> recipients = new ArrayList<>();
    /** Routes by key (account address or remote address), each with the recipient that brought it. */
    private final Map<String, RoutedCopy> copies = new LinkedHashMap<>();
    private Path spool;
    private FileChannel channel;
    private boolean done;

    private record RoutedCopy(Route route, Envelope.Recipient recipient) {
    }

    DeliveryTransaction(DeliveryService svc, Envelope envelope) {
        this.svc = svc;
        this.envelope = envelope;
        this.id = Long.toString(System.currentTimeMillis(), 36) + Integer.toString(RANDOM.nextInt(1 << 30), 36);
    }

    public String id() {
        return id;
    }

    public int recipientCount() {
        return recipients.size();
    }

    /**
     * Checks and routes a recipient.
     *
     * @param mayRelay whether this client may send to domains that are not ours (authenticated or listed)
     * @return 250 2.1.5 when accepted, else the refusal (550 5.1.1 unknown user, 554 5.7.1 relaying denied, …)
     */
    public SmtpReply addRecipient(MailAddress to, Map<String, String> params, boolean mayRelay) {
        if (recipients.size() >= svc.settings.maxRecipients()) {
            return new SmtpReply(452, "4.5.3", "Too many recipients");
        }
        Router.Result r = svc.router.route(to);
        return switch (r) {
            case Router.Result.Unknown u -> SmtpReply.NO_SUCH_USER;
            case Router.Result.Loop l -> new SmtpReply(554, "5.4.6", "Routing loop for this address");
            case Router.Result.Deliver d -> {
                if (!d.localDomain() && !mayRelay) {
                    yield SmtpReply.RELAY_DENIED;
                }
                Envelope.Recipient rcpt = new Envelope.Recipient(to, params);
                recipients.add(rcpt);
                for (Route route : d.routes()) {
                    String key = switch (route) {
                        case Route.Local loc -> "local:" + loc.account().address().toLowerCase(java.util.Locale.ROOT);
                        case Route.Remote rem -> "remote:" + rem.address().address().toLowerCase(java.util.Locale.ROOT);
                    };
                    copies.putIfAbsent(key, new RoutedCopy(route, rcpt));
                }
                yield new SmtpReply(250, "2.1.5", "OK");
            }
        };
    }

    /**
     * Opens the spool file for the body, with the Received header already written ({@code received} false for
     * messages made here, such as bounces). The caller writes the message and closes the stream.
     */
    public OutputStream openBody(boolean received) throws IOException {
        Files.createDirectories(svc.queue.spoolDir());
        spool = Files.createTempFile(svc.queue.spoolDir(), "in-", ".msg");
        channel = FileChannel.open(spool, StandardOpenOption.WRITE);
        OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 64 * 1024);
        if (received) {
            out.write(receivedHeader().getBytes(StandardCharsets.UTF_8));
        }
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush(); // the channel stays open until commit fsyncs it
            }
        };
    }

    private String receivedHeader() {
        StringBuilder sb = new StringBuilder("Received: from ");
        sb.append(clean(envelope.helo()));
        if (envelope.client() != null) {
            sb.append(" ([").append(envelope.client().getHostAddress()).append("])");
        }
        sb.append("\r\n\tby ").append(svc.settings.hostName()).append(" (Mailferry) with ")
                .append(envelope.protocol()).append(" id ").append(id);
        if (recipients.size() == 1) {
            sb.append("\r\n\tfor ").append(recipients.get(0).address().path());
        }
        sb.append("; ").append(DATE.format(arrival.atZone(ZoneOffset.UTC))).append("\r\n");
        return sb.toString();
    }

    private static String clean(String s) {
        String t = s == null ? "unknown" : s.replaceAll("[^\\x21-\\x7e]", "?");
        return t.length() > 100 ? t.substring(0, 100) : t;
    }

    /**
     * Makes the message durable and delivers it: each local copy is stored (a temporary failure puts that copy
     * in the queue), remote copies are queued. Returns 250 once everything is stored or queued; 451 when nothing
     * could be made durable; a 5xx when every copy failed for good (e.g. over quota). Copies that failed for good
     * while others succeeded are bounced.
     */
    public SmtpReply commit() throws IOException {
        if (spool == null || done) {
            throw new IllegalStateException("no body");
        }
        done = true;
        channel.close(); // local copies are fsync'ed by the store; the spool file only before it is queued
        if (hops(spool) > MAX_HOPS) {
            Files.deleteIfExists(spool);
            return new SmtpReply(554, "5.4.6", "Too many hops: mail loop detected");
        }
        boolean eightBit = "8BITMIME".equals(envelope.params().get("BODY")) || envelope.params().containsKey("SMTPUTF8");
        List<QueueEntry.Rcpt> toQueue = new ArrayList<>();
        List<Bounces.Failure> failed = new ArrayList<>();
        StoreException lastPermanent = null;
        int delivered = 0;
        for (RoutedCopy c : copies.values()) {
            switch (c.route()) {
                case Route.Local loc -> {
                    try {
                        svc.local.deliver(loc.account(), MessageSource.ofPath(spool), envelope);
                        delivered++;
                    } catch (StoreException e) {
                        if (e.reason().temporary()) {
                            toQueue.add(rcpt(loc.account().address(), c.recipient()));
                        } else {
                            lastPermanent = e;
                            if (c.recipient().notifyFailure()) {
                                failed.add(new Bounces.Failure(loc.account().address(), orcpt(c.recipient()),
                                        e.reason().smtpReply().substring(4), e.reason().smtpReply() + " "
                                        + e.getMessage()));
                            }
                        }
                    }
                }
                case Route.Remote rem -> toQueue.add(rcpt(rem.address().address(), c.recipient()));
            }
        }
        if (delivered == 0 && toQueue.isEmpty()) {
            Files.deleteIfExists(spool);
            if (lastPermanent != null) {
                String[] p = lastPermanent.reason().smtpReply().split(" ");
                return new SmtpReply(Integer.parseInt(p[0]), p[1], lastPermanent.getMessage());
            }
            return new SmtpReply(250, "2.0.0", "Ok: no recipient needed a copy, id " + id);
        }
        if (!failed.isEmpty() && !envelope.from().isNull()) {
            svc.sendBounce(envelope.from(), envelope.params().get("ENVID"),
                    "HDRS".equals(envelope.params().get("RET")), arrival, failed, spool);
        }
        if (!toQueue.isEmpty()) {
            try {
                try (FileChannel ch = FileChannel.open(spool, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                svc.queue.enqueue(spool, envelope.from(), envelope.params().get("RET"), envelope.params().get("ENVID"),
                        eightBit, toQueue);
                spool = null;
            } catch (IOException e) {
                log.error("cannot queue message {}: {}", id, e.toString());
                if (delivered == 0) {
                    Files.deleteIfExists(spool);
                    return SmtpReply.TEMP_FAILURE;
                }
                // some copies are stored; failing now would duplicate them on retry
            }
        }
        if (spool != null) {
            Files.deleteIfExists(spool);
            spool = null;
        }
        return new SmtpReply(250, "2.0.0", "Ok: queued as " + id);
    }

    /** Received headers above which a message is taken to be looping (RFC 5321 §6.3). */
    static final int MAX_HOPS = 50;

    /** The number of Received: fields in the message's header (read up to 256 KB). */
    static int hops(Path file) throws IOException {
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(256 * 1024);
        }
        int count = 0;
        int i = 0;
        while (i < head.length) {
            int lf = i;
            while (lf < head.length && head[lf] != '\n') {
                lf++;
            }
            int len = lf - i;
            if (len == 0 || (len == 1 && head[i] == '\r')) {
                break; // end of the header
            }
            if (len >= 9 && new String(head, i, 9, StandardCharsets.ISO_8859_1).equalsIgnoreCase("Received:")) {
                count++;
            }
            i = lf + 1;
        }
        return count;
    }

    private static QueueEntry.Rcpt rcpt(String address, Envelope.Recipient r) {
        return new QueueEntry.Rcpt(address, r.params().get("NOTIFY"), r.params().get("ORCPT"),
                QueueEntry.State.PENDING, null);
    }

    private static String orcpt(Envelope.Recipient r) {
        return r.params().get("ORCPT");
    }

    @Override
    public void close() {
        try {
            if (channel != null && channel.isOpen()) {
                channel.close();
            }
            if (spool != null && !done) {
                Files.deleteIfExists(spool);
            }
        } catch (IOException ignored) {
            // a leftover spool file is removed at the next start
        }
    }

    /** The default local delivery: the account's INBOX, through the store, with group commit. */
    public static LocalDelivery inbox(org.mailferry.access.MailAccess access) {
        return new InboxDelivery(access);
    }
}
