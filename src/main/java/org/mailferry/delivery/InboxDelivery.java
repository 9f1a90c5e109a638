package org.mailferry.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mailferry.access.MailAccess;
import org.mailferry.directory.Account;
import org.mailferry.store.AccountStore;
import org.mailferry.store.AppendRequest;
import org.mailferry.store.MessageSource;
import org.mailferry.store.StoreException;

/**
 * The default {@link LocalDelivery}: into the account's INBOX, with group commit. Deliveries to the same account
 * that arrive while one is being written wait and are then stored together in one store append (one fsync for
 * all of them), so many SMTP sessions delivering to one mailbox do not queue behind one fsync each. Every
 * delivery still returns only once its message is durable. If a batch fails, its messages are retried one by
 * one so each gets its own result (a too-big message does not fail its neighbours).
 */
public final class InboxDelivery implements LocalDelivery {
    static final int MAX_BATCH = 64;

    private final MailAccess access;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    public InboxDelivery(MailAccess access) {
        this.access = access;
    }

    /** One account's waiting deliveries; {@code busy} while a leader is writing a batch. */
    private static final class Lane {
        final ArrayDeque<Request> queue = new ArrayDeque<>();
        boolean busy;
    }

    private static final class Request {
        final Account account;
        final AppendRequest append;
        private boolean done;
        private boolean lead;
        private StoreException error;

        Request(Account account, AppendRequest append) {
            this.account = account;
            this.append = append;
        }

        synchronized void complete(StoreException e) {
            done = true;
            error = e;
            notifyAll();
        }

        synchronized void promote() {
            lead = true;
            notifyAll();
        }

        /** Waits until done (returns false) or made the leader (returns true). */
        synchronized boolean await() throws StoreException {
            while (!done && !lead) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException(StoreException.Reason.UNAVAILABLE, "delivery interrupted");
                }
            }
            if (done && error != null) {
                throw error;
            }
            return !done;
        }
    }

    @Override
    public void deliver(Account account, MessageSource message, Envelope envelope) throws StoreException {
        Request me = new Request(account, new AppendRequest(message, null, null,
                envelope.from().isNull() ? null : envelope.from().address()));
        Lane lane = lanes.computeIfAbsent(account.address().toLowerCase(java.util.Locale.ROOT), k -> new Lane());
        boolean lead;
        synchronized (lane) {
            lane.queue.add(me);
            lead = !lane.busy;
            lane.busy = true;
        }
        if (!lead && !me.await()) {
            return; // a leader stored it
        }
        List<Request> batch = new ArrayList<>();
        synchronized (lane) {
            while (!lane.queue.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(lane.queue.poll());
            }
        }
        try {
            write(batch);
        } finally {
            synchronized (lane) {
                if (lane.queue.isEmpty()) {
                    lane.busy = false;
                } else {
                    lane.queue.peek().promote();
                }
            }
        }
        if (me.error != null) {
            throw me.error;
        }
    }

    private void write(List<Request> batch) {
        try {
            AccountStore store = access.store(batch.get(0).account);
            if (batch.size() > 1) {
                try {
                    store.append("INBOX", batch.stream().map(r -> r.append).toList());
                    for (Request r : batch) {
                        r.complete(null);
                    }
                    return;
                } catch (StoreException e) {
                    // fall through: one by one, so each message gets its own answer
                }
            }
            for (Request r : batch) {
                try {
                    store.append("INBOX", List.of(r.append));
                    r.complete(null);
                } catch (StoreException e) {
                    r.complete(e);
                }
            }
        } catch (StoreException e) {
            for (Request r : batch) {
                r.complete(e);
            }
        } catch (RuntimeException e) {
            StoreException se = new StoreException(StoreException.Reason.UNAVAILABLE, "delivery failed", e);
            for (Request r : batch) {
                r.complete(se);
            }
            throw e;
        }
    }
}
