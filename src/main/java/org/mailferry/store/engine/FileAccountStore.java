package org.mailferry.store.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailferry.store.AccountConfig;
import org.mailferry.store.AccountStore;
import org.mailferry.store.AppendRequest;
import org.mailferry.store.AppendResult;
import org.mailferry.store.Mailbox;
import org.mailferry.store.MailboxFormat;
import org.mailferry.store.MailboxInfo;
import org.mailferry.store.MailboxStatus;
import org.mailferry.store.MessageSource;
import org.mailferry.store.QuotaUsage;
import org.mailferry.store.StoreException;
import org.mailferry.store.StoreSettings;

/** An account folder holding mailboxes (work in progress: API published first). */
public final class FileAccountStore implements AccountStore {
    private final Path folder;
    private final AccountConfig config;
    private final StoreSettings settings;

    public FileAccountStore(Path folder, AccountConfig config, StoreSettings settings) {
        this.folder = folder;
        this.config = config;
        this.settings = settings;
    }

    public FileAccountStore withConfig(AccountConfig c) {
        return new FileAccountStore(folder, c, settings);
    }

    private static StoreException todo() {
        return new StoreException(StoreException.Reason.UNAVAILABLE, "not implemented yet");
    }

    @Override public Path folder() { return folder; }
    @Override public AccountConfig config() { return config; }
    @Override public List<MailboxInfo> list() throws StoreException { throw todo(); }
    @Override public MailboxInfo info(String name) throws StoreException { throw todo(); }
    @Override public void create(String name) throws StoreException { throw todo(); }
    @Override public void create(String name, MailboxFormat format, String cls) throws StoreException { throw todo(); }
    @Override public void delete(String name) throws StoreException { throw todo(); }
    @Override public void rename(String from, String to) throws StoreException { throw todo(); }
    @Override public Set<String> subscriptions() throws StoreException { throw todo(); }
    @Override public void subscribe(String name) throws StoreException { throw todo(); }
    @Override public void unsubscribe(String name) throws StoreException { throw todo(); }
    @Override public MailboxStatus status(String name) throws StoreException { throw todo(); }
    @Override public Mailbox open(String name, boolean readOnly) throws StoreException { throw todo(); }
    @Override public AppendResult append(String mailbox, List<AppendRequest> m) throws StoreException { throw todo(); }
    @Override public long deliver(String mailbox, MessageSource m, String from) throws StoreException { throw todo(); }
    @Override public String mailboxClass(String name) throws StoreException { throw todo(); }
    @Override public void setMailboxClass(String name, String cls) throws StoreException { throw todo(); }
    @Override public Map<String, String> acl(String name) throws StoreException { throw todo(); }
    @Override public void setAcl(String name, String id, String rights) throws StoreException { throw todo(); }
    @Override public QuotaUsage quota() throws StoreException { throw todo(); }

    public void close() {
    }
}
