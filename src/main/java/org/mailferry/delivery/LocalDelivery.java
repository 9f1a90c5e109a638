package org.mailferry.delivery;

import org.mailferry.directory.Account;
import org.mailferry.store.MessageSource;
import org.mailferry.store.StoreException;

/**
 * Stores one message for one account. The default puts it in INBOX; account rules ("Store in", "Discard", …)
 * will be another implementation of this interface.
 */
@FunctionalInterface
public interface LocalDelivery {
    /** Delivers; durable (fsync'ed) when it returns. A temporary StoreException means "try again later". */
    void deliver(Account account, MessageSource message, Envelope envelope) throws StoreException;
}
