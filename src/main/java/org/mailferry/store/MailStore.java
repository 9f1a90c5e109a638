package org.mailferry.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.mailferry.store.engine.FileAccountStore;

/**
 * The store of one server: opens accounts by folder and shares each open account (and so each open
 * mailbox) between all sessions, so that sessions of the same mailbox see each other's changes.
 *
 * <p>The directory says where an account's folder is ({@link org.mailferry.directory.Layout}) and builds its
 * {@link AccountConfig}; the store needs nothing else. Safe to use from many threads.
 */
public final class MailStore implements AutoCloseable {
    private final StoreSettings settings;
    private final ConcurrentHashMap<Path, FileAccountStore> accounts = new ConcurrentHashMap<>();

    public MailStore() {
        this(StoreSettings.DEFAULT);
    }

    public MailStore(StoreSettings settings) {
        this.settings = settings;
    }

    public StoreSettings settings() {
        return settings;
    }

    /**
     * The account kept in {@code folder} (created if missing). The same object is returned for the same
     * folder; a changed {@code config} (settings were edited) replaces the previous one for later calls.
     */
    public AccountStore account(Path folder, AccountConfig config) throws StoreException {
        Path key = folder.toAbsolutePath().normalize();
        try {
            Files.createDirectories(key);
        } catch (IOException e) {
            throw StoreException.io("opening the account", e);
        }
        FileAccountStore a = accounts.compute(key, (k, old) -> {
            if (old != null && old.config().equals(config)) {
                return old;
            }
            return old == null ? new FileAccountStore(k, config, settings) : old.withConfig(config);
        });
        return a;
    }

    /** Closes every open mailbox (writing their indexes). Sessions still open fail afterwards. */
    @Override
    public void close() {
        for (FileAccountStore a : accounts.values()) {
            a.close();
        }
        accounts.clear();
    }
}
