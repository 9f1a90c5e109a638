package org.mailferry.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.mailferry.imap.client.ImapCommandException;
import org.mailferry.imap.client.ImapCompletion;
import org.mailferry.imap.client.ImapConnection;
import org.mailferry.imap.client.ImapMailboxes;
import org.mailferry.imap.proto.ImapDates;
import org.mailferry.mime.HeaderScan;
import org.mailferry.mime.MailDate;

/**
 * MovePOPMail's IMAP target ({@code --imap-password}): each message is APPENDed (RFC 3501 §6.3.11) to one
 * folder of the new account instead of being submitted over SMTP, so it keeps what SMTP cannot carry. Its
 * INTERNALDATE is the arrival date the old server wrote in the newest (topmost) Received field, else the Date
 * field, else none (the server's "now"); its flags are those an mbox-based POP server (UW, qpopper, Dovecot
 * on mbox) kept in {@code Status:} (R → \Seen) and {@code X-Status:} (A → \Answered, F → \Flagged, T →
 * \Draft; D is left out: the message was still served). A temporary refusal is retried with the back-off.
 */
final class PopImapTarget implements AutoCloseable {
    private static final int HEADER_BYTES = 64 * 1024;

    private final ImapConnection c;
    private final String folder;
    private final Backoff backoff;
    private final Consumer<String> progress;
    /** The folder's UIDNEXT and UIDVALIDITY when this session began: every APPEND of it gets a UID at or above. */
    private final long watermark, uidValidity;

    private PopImapTarget(ImapConnection c, String folder, Backoff backoff, Consumer<String> progress, long watermark, long uidValidity) {
        this.c = c;
        this.folder = folder;
        this.backoff = backoff;
        this.progress = progress;
        this.watermark = watermark;
        this.uidValidity = uidValidity;
    }

    /** The journal key (box of the intent and copied records) of a POP message with this key. */
    static String box(String popKey) {
        return "pop:" + popKey;
    }

    /**
     * Resolves the intents a killed run left for this folder (PendingRecovery): a message whose APPEND the server
     * stored before the kill is found there by its content and recorded as copied, not appended again.
     */
    int recover(Journal journal) throws IOException {
        try {
            return PendingRecovery.resolve(c, folder, journal);
        } catch (ImapCommandException e) {
            throw new IOException("IMAP target: resolving an interrupted run in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Records that the message with {@code popKey} is about to be appended (before the APPEND is sent). */
    Journal.Intent intent(String popKey, Spool message) {
        return new Journal.Intent(box(popKey), 0, 0, message.sha256Hex(), message.sha256Hex(), message.size(), folder, uidValidity, watermark);
    }

    /** The outcome record of a stored message. */
    Journal.Copied copied(Journal.Intent i) {
        return new Journal.Copied(i.box(), 0, 0, i.sha(), i.targetSha(), folder, 0, watermark);
    }

    /** Logs in and creates {@code folder} when it does not exist (INBOX always does). */
    static PopImapTarget open(ImapEndpoint endpoint, String folder, Backoff backoff, Consumer<String> progress)
            throws MoverException, IOException {
        ImapConnection c = endpoint.open();
        try {
            if (!folder.equalsIgnoreCase("INBOX") && ImapMailboxes.list(c, "LIST", "", folder).isEmpty()) ImapMailboxes.create(c, folder);
        } catch (ImapCommandException e) {
            c.close();
            throw new MoverException(ExitCodes.FINISHED_WITH_ERRORS, "cannot create " + folder + " on the IMAP target: " + e.getMessage(), e);
        }
        long[] st;
        try {
            st = ImapMailboxes.status(c, folder);
        } catch (ImapCommandException e) {
            c.close();
            throw new MoverException(ExitCodes.FINISHED_WITH_ERRORS, "cannot read the status of " + folder + " on the IMAP target: "
                    + e.getMessage(), e);
        }
        return new PopImapTarget(c, folder, backoff, progress, st[1], st[2]);
    }

    /** Whether the target keeps the messages' POP3 UIDLs (Mailferry's X-UIDL append-ext). */
    boolean keepsUidls() {
        return c.has(org.mailferry.imap.proto.FidelityExtension.CAPABILITY);
    }

    /**
     * Appends the message, with its UIDL on the POP server when the target keeps UIDLs and {@code uidl} is one
     * (RFC 1939 §7); null when the server stored it, else its (permanent, or still temporary) refusal.
     */
    ImapCompletion append(Spool message, String uidl) throws IOException {
        String keep = keepsUidls() && uidl != null && org.mailferry.util.Uidls.valid(uidl) ? uidl : null;
        Map<String, String> h;
        try (InputStream in = message.open()) {
            byte[] head = in.readNBytes(HEADER_BYTES);
            h = HeaderScan.fields(head, 0, head.length, Set.of("received", "date", "status", "x-status"));
        }
        List<String> flags = flags(h.get("status"), h.get("x-status"));
        String date = internalDate(h.get("received"), h.get("date"));
        for (int attempt = 1; ; attempt++) {
            ImapCompletion done;
            try (InputStream in = message.open()) {
                done = c.await(c.append(folder, flags, date, 0, keep, message.size(), in), null, r -> { });
            }
            if (done.ok()) return null;
            if (!Backoff.temporary(done, false) || attempt > backoff.retries()) return done;
            progress.accept("IMAP target: " + done.describe() + "; " + backoff.describe(attempt));
            backoff.pause(attempt);
        }
    }

    static List<String> flags(String status, String xStatus) {
        List<String> out = new ArrayList<>();
        if (status != null && status.indexOf('R') >= 0) out.add("\\Seen");
        if (xStatus != null) {
            if (xStatus.indexOf('A') >= 0) out.add("\\Answered");
            if (xStatus.indexOf('F') >= 0) out.add("\\Flagged");
            if (xStatus.indexOf('T') >= 0) out.add("\\Draft");
        }
        return out;
    }

    /** INTERNALDATE text from the newest Received field, else the Date field; null when neither has a date. */
    static String internalDate(String received, String date) {
        return MailDate.parseReceived(received).or(() -> MailDate.parse(date)).map(ImapDates::formatDateTime).orElse(null);
    }

    @Override
    public void close() {
        c.logout();
    }
}
