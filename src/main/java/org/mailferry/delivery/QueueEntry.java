package org.mailferry.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mailferry.smtp.proto.MailAddress;
import org.mailferry.smtp.proto.Xtext;

/**
 * One message in the outbound queue: its envelope, the state of each recipient, and when to try next. Kept as a
 * small text file {@code <id>.env} beside the message {@code <id>.msg} (docs/smtp.md describes the format): one
 * {@code key value} line per field, values xtext-encoded (RFC 3461) so they never contain spaces or line ends.
 */
public final class QueueEntry {
    /** A recipient's state: still to do, delivered, or failed for good. */
    public enum State { PENDING, DONE, FAILED }

    /**
     * One recipient.
     *
     * @param address    {@code local@domain}
     * @param notifyOn   the DSN NOTIFY value, or null
     * @param orcpt      the DSN ORCPT value (xtext), or null
     * @param state      its state
     * @param diagnostic the last reply or error for it (public text), or null
     */
    public record Rcpt(String address, String notifyOn, String orcpt, State state, String diagnostic) {
        Rcpt with(State s, String diag) {
            return new Rcpt(address, notifyOn, orcpt, s, diag);
        }

        boolean notifyFailure() {
            return notifyOn == null || List.of(notifyOn.split(",")).contains("FAILURE");
        }
    }

    private final String id;
    private final MailAddress from;
    private final String ret;
    private final String envid;
    private final boolean eightBit;
    private final long created;
    private int attempts;
    private long next;
    private final List<Rcpt> recipients;

    public QueueEntry(String id, MailAddress from, String ret, String envid, boolean eightBit, long created,
                      int attempts, long next, List<Rcpt> recipients) {
        this.id = id;
        this.from = from;
        this.ret = ret;
        this.envid = envid;
        this.eightBit = eightBit;
        this.created = created;
        this.attempts = attempts;
        this.next = next;
        this.recipients = new ArrayList<>(recipients);
    }

    public String id() {
        return id;
    }

    public MailAddress from() {
        return from;
    }

    public String ret() {
        return ret;
    }

    public String envid() {
        return envid;
    }

    public boolean eightBit() {
        return eightBit;
    }

    public long created() {
        return created;
    }

    public synchronized int attempts() {
        return attempts;
    }

    public synchronized long next() {
        return next;
    }

    synchronized void scheduled(int attempts, long next) {
        this.attempts = attempts;
        this.next = next;
    }

    public synchronized List<Rcpt> recipients() {
        return List.copyOf(recipients);
    }

    synchronized List<Rcpt> pending() {
        return recipients.stream().filter(r -> r.state() == State.PENDING).toList();
    }

    synchronized void update(String address, State state, String diagnostic) {
        for (int i = 0; i < recipients.size(); i++) {
            if (recipients.get(i).address().equalsIgnoreCase(address) && recipients.get(i).state() == State.PENDING) {
                recipients.set(i, recipients.get(i).with(state, diagnostic));
            }
        }
    }

    synchronized boolean finished() {
        return recipients.stream().noneMatch(r -> r.state() == State.PENDING);
    }

    /** The text form written to {@code <id>.env}. */
    synchronized String format() {
        StringBuilder sb = new StringBuilder();
        line(sb, "id", id);
        line(sb, "from", from.isNull() ? "<>" : from.address());
        line(sb, "ret", ret);
        line(sb, "envid", envid);
        line(sb, "8bit", eightBit ? "yes" : "no");
        line(sb, "created", Long.toString(created));
        line(sb, "attempts", Integer.toString(attempts));
        line(sb, "next", Long.toString(next));
        for (Rcpt r : recipients) {
            sb.append("rcpt ").append(Xtext.encode(r.address())).append(' ').append(r.state()).append(' ')
                    .append(r.notifyOn() == null ? "-" : Xtext.encode(r.notifyOn())).append(' ')
                    .append(r.orcpt() == null ? "-" : Xtext.encode(r.orcpt())).append(' ')
                    .append(r.diagnostic() == null ? "-" : Xtext.encode(r.diagnostic())).append('\n');
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        if (value != null) {
            sb.append(key).append(' ').append(Xtext.encode(value)).append('\n');
        }
    }

    /** Reads an entry file; throws IOException naming the file and line when it is malformed. */
    static QueueEntry read(Path file) throws IOException {
        String id = null;
        MailAddress from = null;
        String ret = null;
        String envid = null;
        boolean eightBit = false;
        long created = 0;
        int attempts = 0;
        long next = 0;
        List<Rcpt> rcpts = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            String[] p = line.split(" ", -1);
            try {
                switch (p[0]) {
                    case "id" -> id = Xtext.decode(p[1]);
                    case "from" -> {
                        String f = Xtext.decode(p[1]);
                        from = f.equals("<>") ? MailAddress.NULL : MailAddress.parse(f);
                    }
                    case "ret" -> ret = Xtext.decode(p[1]);
                    case "envid" -> envid = Xtext.decode(p[1]);
                    case "8bit" -> eightBit = p[1].equals("yes");
                    case "created" -> created = Long.parseLong(p[1]);
                    case "attempts" -> attempts = Integer.parseInt(p[1]);
                    case "next" -> next = Long.parseLong(p[1]);
                    case "rcpt" -> rcpts.add(new Rcpt(Xtext.decode(p[1]), dash(p[3]), dash(p[4]),
                            State.valueOf(p[2]), dash(p[5])));
                    default -> throw new IllegalArgumentException("unknown key " + p[0]);
                }
            } catch (RuntimeException e) {
                throw new IOException(file + " line " + n + ": malformed queue entry (" + e.getMessage() + ")");
            }
        }
        if (id == null || from == null || rcpts.isEmpty()) {
            throw new IOException(file + ": incomplete queue entry");
        }
        return new QueueEntry(id, from, ret, envid, eightBit, created, attempts, next, rcpts);
    }

    private static String dash(String s) {
        return s.equals("-") ? null : Xtext.decode(s);
    }
}
