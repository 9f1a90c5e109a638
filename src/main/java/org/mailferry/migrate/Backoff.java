package org.mailferry.migrate;

import java.util.Locale;
import java.util.Set;
import org.mailferry.imap.client.ImapCompletion;

/**
 * The movers' back-off for temporary refusals: wait {@code firstMillis}, then twice as long each time (at most
 * {@link #MAX_WAIT_MILLIS} per wait), at most {@code retries} times; then the refusal counts as a failure.
 * The default (6 retries from 1 s) waits 1, 2, 4, 8, 16 and 32 s: about a minute.
 *
 * <p>Temporary: IMAP {@code NO}/{@code BAD} with [THROTTLED], [UNAVAILABLE] or [INUSE] (RFC 5530), and at
 * login also [LIMIT] (Dovecot's "Maximum number of connections from user+IP"), and Dovecot's
 * "[SERVERBUG] Timeout while waiting for lock" (a mailbox locked by another process); POP3 {@code -ERR [IN-USE]} or
 * [SYS/TEMP] (RFC 2449, RFC 3206); SMTP 421, 450, 451 and 452 (RFC 5321 §4.2.2). Everything else fails at once.
 */
public record Backoff(int retries, long firstMillis) {
    public static final long MAX_WAIT_MILLIS = 60_000;
    public static final Backoff DEFAULT = new Backoff(6, 1000);

    private static final Set<String> IMAP_TEMPORARY = Set.of("THROTTLED", "UNAVAILABLE", "INUSE");

    public Backoff {
        if (retries < 0 || retries > 100) throw new IllegalArgumentException("--retries must be 0-100, not " + retries);
        if (firstMillis < 1 || firstMillis > MAX_WAIT_MILLIS) {
            throw new IllegalArgumentException("--retry-wait must be 1-" + MAX_WAIT_MILLIS + " milliseconds, not " + firstMillis);
        }
    }

    /** The wait before retry number {@code attempt} (1-based). */
    public long delay(int attempt) {
        return Math.min(MAX_WAIT_MILLIS, firstMillis << Math.min(Math.max(attempt - 1, 0), 20));
    }

    /** Sleeps before retry {@code attempt}; false (no sleep) when the retries are used up. */
    public boolean await(int attempt) throws InterruptedException {
        if (attempt > retries) return false;
        Thread.sleep(delay(attempt));
        return true;
    }

    /** {@link #await} for code that may only throw I/O errors: an interrupt becomes an InterruptedIOException. */
    public void pause(int attempt) throws java.io.InterruptedIOException {
        try {
            await(attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to retry");
        }
    }

    /** "waiting 2 s (retry 2 of 6)" for progress lines. */
    public String describe(int attempt) {
        long d = delay(attempt);
        return "waiting " + (d < 1000 ? d + " ms" : d / 1000 + " s") + " (retry " + attempt + " of " + retries + ")";
    }

    /** An IMAP refusal worth retrying; {@code login}: also [LIMIT]. */
    public static boolean temporary(ImapCompletion c, boolean login) {
        if (c == null || c.ok()) return false;
        String code = c.codeName().toUpperCase(Locale.ROOT);
        // Dovecot reports its temporary errors (MAIL_ERROR_TEMP), such as a mailbox lock held by another
        // process, as [SERVERBUG]: "Timeout while waiting for lock"
        boolean lockTimeout = code.equals("SERVERBUG") && c.text() != null && c.text().toLowerCase(Locale.ROOT).contains("waiting for lock");
        return IMAP_TEMPORARY.contains(code) || login && code.equals("LIMIT") || lockTimeout;
    }

    /** An SMTP reply worth retrying. */
    public static boolean temporary(int smtpCode) {
        return smtpCode == 421 || smtpCode == 450 || smtpCode == 451 || smtpCode == 452;
    }
}
