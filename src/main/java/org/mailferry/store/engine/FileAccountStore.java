package org.mailferry.store.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.mailferry.store.AccountConfig;
import org.mailferry.store.AccountStore;
import org.mailferry.store.AppendRequest;
import org.mailferry.store.AppendResult;
import org.mailferry.store.Mailbox;
import org.mailferry.store.MailboxFormat;
import org.mailferry.store.MailboxInfo;
import org.mailferry.store.MailboxName;
import org.mailferry.store.MailboxStatus;
import org.mailferry.store.MessageSource;
import org.mailferry.store.QuotaUsage;
import org.mailferry.store.Rights;
import org.mailferry.store.StoreException;
import org.mailferry.store.StoreException.Reason;
import org.mailferry.store.StoreSettings;
import org.mailferry.store.mbox.MboxBackend;
import org.mailferry.store.mdir.MdirBackend;

/**
 * An account folder holding mailboxes (docs/store.md): the mailbox tree on disk ({@code A/B} is
 * {@code A.folder/B.mbox}), the Legacy INBOX, subscriptions ({@code subscriptions.list}), quota figures,
 * and one shared {@link MailboxState} per open mailbox.
 */
public final class FileAccountStore implements AccountStore {
    static final String SUBSCRIPTIONS = "subscriptions.list";
    static final String LEGACY_SIDECARS = "INBOX.legacy";

    private final Path folder;
    private final AccountConfig config;
    private final StoreSettings settings;
    private final ConcurrentHashMap<String, MailboxState> states;
    private final Object tree = new Object();
    private long usedBytes = -1;
    private long usedMessages = -1;

    public FileAccountStore(Path folder, AccountConfig config, StoreSettings settings) {
        this(folder, config, settings, new ConcurrentHashMap<>());
    }

    private FileAccountStore(Path folder, AccountConfig config, StoreSettings settings,
                             ConcurrentHashMap<String, MailboxState> states) {
        this.folder = folder;
        this.config = config;
        this.settings = settings;
        this.states = states;
    }

    /** The same account with new settings; open mailboxes are shared (a changed Legacy INBOX reopens). */
    public FileAccountStore withConfig(AccountConfig c) {
        if (!java.util.Objects.equals(c.legacyInbox(), config.legacyInbox())) {
            MailboxState s = states.remove(MailboxName.INBOX);
            if (s != null) {
                s.markGone();
                s.close();
            }
        }
        return new FileAccountStore(folder, c, settings, states);
    }

    @Override
    public Path folder() {
        return folder;
    }

    @Override
    public AccountConfig config() {
        return config;
    }

    // ---- where mailboxes are ----------------------------------------------------------------------

    /** Where a mailbox is kept. */
    record Location(MailboxFormat format, Path path, Sidecars sidecars, boolean legacy) {
    }

    /** The location of an existing mailbox (INBOX always exists), or null. */
    Location locate(String canonical) {
        if (MailboxName.isInbox(canonical) && config.legacyInbox() != null) {
            return new Location(MailboxFormat.MBOX, config.legacyInbox(),
                    Sidecars.beside(folder.resolve(LEGACY_SIDECARS)), true);
        }
        if (MailboxName.isFolderOnly(canonical)) {
            return null;
        }
        Path mbox = MailboxName.mailboxPath(folder, canonical, MailboxFormat.MBOX);
        if (Files.isRegularFile(mbox)) {
            return new Location(MailboxFormat.MBOX, mbox, Sidecars.beside(mbox), false);
        }
        Path mdir = MailboxName.mailboxPath(folder, canonical, MailboxFormat.MDIR);
        if (Files.isDirectory(mdir)) {
            return new Location(MailboxFormat.MDIR, mdir, Sidecars.inside(mdir), false);
        }
        if (MailboxName.isInbox(canonical)) {
            return newLocation(canonical, config.defaultFormat());
        }
        return null;
    }

    private Location newLocation(String canonical, MailboxFormat f) {
        Path p = MailboxName.mailboxPath(folder, canonical, f);
        return new Location(f, p, f == MailboxFormat.MBOX ? Sidecars.beside(p) : Sidecars.inside(p), false);
    }

    private Backend backend(Location l) {
        return switch (l.format()) {
            case MBOX -> new MboxBackend(l.path(), l.sidecars().redo(), l.legacy(), settings,
                    Anomalies.Sink.LOG_ONLY);
            case MDIR -> new MdirBackend(l.path(), settings);
        };
    }

    /** The shared state of an existing mailbox, loaded. */
    MailboxState state(String name) throws StoreException {
        String c = MailboxName.canonical(name);
        MailboxState s = states.get(c);
        if (s != null) {
            return s;
        }
        synchronized (tree) {
            s = states.get(c);
            if (s != null) {
                return s;
            }
            Location l = locate(c);
            if (l == null) {
                throw new StoreException(Reason.NONEXISTENT, "no such mailbox");
            }
            Backend b = backend(l);
            try {
                if (!l.legacy() || !Files.exists(l.path())) {
                    b.create();
                }
            } catch (IOException e) {
                throw StoreException.io("creating INBOX", e);
            }
            s = new MailboxState(c, b, l.sidecars(), settings);
            s.open();
            states.put(c, s);
            return s;
        }
    }

    // ---- the tree ---------------------------------------------------------------------------------

    @Override
    public List<MailboxInfo> list() throws StoreException {
        Map<String, Object[]> found = new TreeMap<>(); // name -> {format or null, class}
        found.put(MailboxName.INBOX, new Object[]{locate(MailboxName.INBOX).format()});
        try {
            walk(folder, "", found);
        } catch (IOException e) {
            throw StoreException.io("listing mailboxes", e);
        }
        Set<String> subs = subscriptions();
        List<MailboxInfo> out = new ArrayList<>();
        for (Map.Entry<String, Object[]> e : found.entrySet()) {
            String n = e.getKey();
            boolean children = found.keySet().stream().anyMatch(k -> k.startsWith(n + "/"));
            MailboxFormat f = (MailboxFormat) e.getValue()[0];
            out.add(new MailboxInfo(n, f != null, children, subs.contains(n), f, f == null ? null : classOf(n)));
        }
        out.sort((a, b) -> a.name().equals(MailboxName.INBOX) ? -1 : b.name().equals(MailboxName.INBOX) ? 1
                : a.name().compareTo(b.name()));
        return out;
    }

    private String classOf(String n) {
        Location l = locate(n);
        if (l == null) {
            return null;
        }
        try {
            return Meta.read(l.sidecars().meta()).mailboxClass;
        } catch (IOException e) {
            return null;
        }
    }

    private void walk(Path dir, String prefix, Map<String, Object[]> found) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                if (f.endsWith(MailboxFormat.MBOX.extension()) && Files.isRegularFile(p)) {
                    put(found, prefix + base(f, MailboxFormat.MBOX.extension()), MailboxFormat.MBOX);
                } else if (f.endsWith(MailboxFormat.MDIR.extension()) && Files.isDirectory(p)) {
                    put(found, prefix + base(f, MailboxFormat.MDIR.extension()), MailboxFormat.MDIR);
                } else if (f.endsWith(MailboxName.FOLDER_EXT) && Files.isDirectory(p)) {
                    String n = prefix + base(f, MailboxName.FOLDER_EXT);
                    found.putIfAbsent(n, new Object[]{null});
                    walk(p, n + "/", found);
                }
            }
        }
    }

    private static void put(Map<String, Object[]> found, String name, MailboxFormat f) {
        String n = name.equalsIgnoreCase(MailboxName.INBOX) ? MailboxName.INBOX : name;
        Object[] old = found.get(n);
        if (old == null || old[0] == null) {
            found.put(n, new Object[]{f});
        }
    }

    private static String base(String file, String ext) {
        return MailboxName.decodeComponent(file.substring(0, file.length() - ext.length()));
    }

    @Override
    public MailboxInfo info(String name) throws StoreException {
        String c = MailboxName.canonical(name);
        String bare = MailboxName.isFolderOnly(c) ? c.substring(0, c.length() - 1) : c;
        for (MailboxInfo i : list()) {
            if (i.name().equals(bare)) {
                return i;
            }
        }
        return null;
    }

    @Override
    public void create(String name) throws StoreException {
        create(name, null, null);
    }

    @Override
    public void create(String name, MailboxFormat format, String mailboxClass) throws StoreException {
        create(name, format, mailboxClass, 0);
    }

    @Override
    public void create(String name, MailboxFormat format, String mailboxClass, long uidValidity)
            throws StoreException {
        checkUidValidity(uidValidity, true);
        String c = MailboxName.canonical(name);
        if (config.inboxOnly()) {
            throw new StoreException(Reason.NOPERM, "this account has only INBOX");
        }
        synchronized (tree) {
            try {
                if (MailboxName.isFolderOnly(c)) {
                    Path d = MailboxName.folderDir(folder, c);
                    if (Files.isDirectory(d)) {
                        throw new StoreException(Reason.ALREADYEXISTS, "the folder already exists");
                    }
                    Files.createDirectories(d);
                    Fs.syncDir(d.getParent(), settings.fsync());
                    return;
                }
                if (MailboxName.isInbox(c) || locate(c) != null) {
                    throw new StoreException(Reason.ALREADYEXISTS, "the mailbox already exists");
                }
                Location l = newLocation(c, format == null ? config.defaultFormat() : format);
                Files.createDirectories(l.path().getParent());
                l.sidecars().deleteAll(); // left-overs of an earlier mailbox of that name
                Meta m = new Meta();
                m.uidValidity = uidValidity != 0 ? uidValidity
                        : Math.max(1, (System.currentTimeMillis() / 1000) & 0xFFFFFFFFL);
                m.uidNext = 1;
                m.mailboxClass = mailboxClass;
                Backend b = backend(l);
                b.create();
                b.close();
                m.write(l.sidecars().meta(), settings.fsync());
                Fs.syncDir(l.path().getParent(), settings.fsync());
            } catch (StoreException e) {
                throw e;
            } catch (IOException e) {
                throw StoreException.io("creating the mailbox", e);
            }
        }
    }

    private static void checkUidValidity(long v, boolean zeroAllowed) throws StoreException {
        if (v < (zeroAllowed ? 0 : 1) || v > AppendRequest.MAX_UID) {
            throw new StoreException(Reason.UIDNOTALLOWED, "a UIDVALIDITY is 1 to 4294967295");
        }
    }

    @Override
    public void resetUidValidity(String name, long uidValidity) throws StoreException {
        checkUidValidity(uidValidity, false);
        state(name).resetUidValidity(uidValidity);
    }

    @Override
    public void delete(String name) throws StoreException {
        String c = MailboxName.canonical(name);
        if (MailboxName.isInbox(c)) {
            throw new StoreException(Reason.CANNOT, "INBOX cannot be deleted");
        }
        String bare = MailboxName.isFolderOnly(c) ? c.substring(0, c.length() - 1) : c;
        synchronized (tree) {
            try {
                Path dir = MailboxName.folderDir(folder, bare);
                boolean hasChildren = Files.isDirectory(dir) && !isEmpty(dir);
                Location l = locate(bare);
                if (l == null) {
                    if (!Files.isDirectory(dir)) {
                        throw new StoreException(Reason.NONEXISTENT, "no such mailbox");
                    }
                    if (hasChildren) {
                        throw new StoreException(Reason.CANNOT, "the folder has mailboxes in it");
                    }
                    Files.delete(dir);
                    Fs.syncDir(dir.getParent(), settings.fsync());
                    return;
                }
                MailboxState s = states.remove(bare);
                if (s != null) {
                    s.markGone();
                    s.close();
                }
                Backend b = backend(l);
                b.delete();
                l.sidecars().deleteAll();
                if (Files.isDirectory(dir) && !hasChildren) {
                    Files.delete(dir);
                }
                Fs.syncDir(l.path().getParent(), settings.fsync());
                usedBytes = -1;
            } catch (StoreException e) {
                throw e;
            } catch (IOException e) {
                throw StoreException.io("deleting the mailbox", e);
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            return !ds.iterator().hasNext();
        }
    }

    @Override
    public void rename(String from, String to) throws StoreException {
        String f = MailboxName.canonical(from);
        String t = MailboxName.canonical(to);
        if (config.inboxOnly()) {
            throw new StoreException(Reason.NOPERM, "this account has only INBOX");
        }
        if (MailboxName.isFolderOnly(f) || MailboxName.isFolderOnly(t)) {
            f = MailboxName.isFolderOnly(f) ? f.substring(0, f.length() - 1) : f;
            t = MailboxName.isFolderOnly(t) ? t.substring(0, t.length() - 1) : t;
        }
        if (t.equals(MailboxName.INBOX) || t.startsWith(f + "/")) {
            throw new StoreException(Reason.CANNOT, "cannot rename to that name");
        }
        if (MailboxName.isInbox(f)) {
            renameInbox(t);
            return;
        }
        synchronized (tree) {
            try {
                Location l = locate(f);
                Path dir = MailboxName.folderDir(folder, f);
                if (l == null && !Files.isDirectory(dir)) {
                    throw new StoreException(Reason.NONEXISTENT, "no such mailbox");
                }
                if (locate(t) != null || Files.isDirectory(MailboxName.folderDir(folder, t))) {
                    throw new StoreException(Reason.ALREADYEXISTS, "the target mailbox already exists");
                }
                for (String k : new ArrayList<>(states.keySet())) {
                    if (k.equals(f) || k.startsWith(f + "/")) {
                        MailboxState s = states.remove(k);
                        s.markGone();
                        s.close();
                    }
                }
                Path targetParent = MailboxName.parentDir(folder, t);
                Files.createDirectories(targetParent);
                if (l != null) {
                    Location nl = newLocation(t, l.format());
                    if (l.format() == MailboxFormat.MBOX) {
                        Sidecars a = l.sidecars();
                        Sidecars b = nl.sidecars();
                        moveIfExists(a.meta(), b.meta());
                        moveIfExists(a.index(), b.index());
                        moveIfExists(a.journal(), b.journal());
                        moveIfExists(a.redo(), b.redo());
                        moveIfExists(a.popUidls(), b.popUidls());
                    }
                    Fs.rename(l.path(), nl.path());
                }
                if (Files.isDirectory(dir)) {
                    Fs.rename(dir, MailboxName.folderDir(folder, t));
                }
                Fs.syncDir(targetParent, settings.fsync());
                Fs.syncDir(MailboxName.parentDir(folder, f), settings.fsync());
                Set<String> subs = new TreeSet<>(subscriptions());
                boolean changed = false;
                for (String s : new ArrayList<>(subs)) {
                    if (s.equals(f) || s.startsWith(f + "/")) {
                        subs.remove(s);
                        subs.add(t + s.substring(f.length()));
                        changed = true;
                    }
                }
                if (changed) {
                    writeSubscriptions(subs);
                }
            } catch (StoreException e) {
                throw e;
            } catch (IOException e) {
                throw StoreException.io("renaming the mailbox", e);
            }
        }
    }

    private static void moveIfExists(Path a, Path b) throws IOException {
        if (Files.exists(a)) {
            Fs.rename(a, b);
        }
    }

    /** RFC 3501 §6.3.5: INBOX's messages move to the new name and INBOX stays, empty. */
    private void renameInbox(String t) throws StoreException {
        create(t, locate(MailboxName.INBOX).format(), null);
        try (Mailbox in = open(MailboxName.INBOX, false)) {
            List<Long> uids = new ArrayList<>();
            for (var m : in.messages()) {
                uids.add(m.uid());
            }
            if (!uids.isEmpty()) {
                in.move(uids, t);
            }
        }
    }

    // ---- subscriptions ----------------------------------------------------------------------------

    @Override
    public Set<String> subscriptions() throws StoreException {
        Path p = folder.resolve(SUBSCRIPTIONS);
        try {
            if (!Files.exists(p)) {
                return Set.of();
            }
            Set<String> s = new TreeSet<>();
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    s.add(line.strip());
                }
            }
            return Collections.unmodifiableSet(s);
        } catch (IOException e) {
            throw StoreException.io("reading subscriptions", e);
        }
    }

    @Override
    public void subscribe(String name) throws StoreException {
        String c = MailboxName.canonical(name);
        synchronized (tree) {
            Set<String> s = new TreeSet<>(subscriptions());
            if (s.add(c)) {
                writeSubscriptions(s);
            }
        }
    }

    @Override
    public void unsubscribe(String name) throws StoreException {
        String c = MailboxName.canonical(name);
        synchronized (tree) {
            Set<String> s = new TreeSet<>(subscriptions());
            if (!s.remove(c)) {
                throw new StoreException(Reason.NONEXISTENT, "not subscribed");
            }
            writeSubscriptions(s);
        }
    }

    private void writeSubscriptions(Set<String> s) throws StoreException {
        StringBuilder sb = new StringBuilder("# subscribed mailboxes, one per line\n");
        s.forEach(n -> sb.append(n).append('\n'));
        try {
            Fs.atomicWrite(folder.resolve(SUBSCRIPTIONS), sb.toString().getBytes(StandardCharsets.UTF_8),
                    settings.fsync());
        } catch (IOException e) {
            throw StoreException.io("writing subscriptions", e);
        }
    }

    // ---- messages ---------------------------------------------------------------------------------

    @Override
    public MailboxStatus status(String name) throws StoreException {
        return state(name).status();
    }

    @Override
    public Mailbox open(String name, boolean readOnly) throws StoreException {
        MailboxState s = state(name);
        return new SessionView(this, s, s.name(), readOnly);
    }

    @Override
    public AppendResult append(String mailbox, List<AppendRequest> messages) throws StoreException {
        MailboxState s = state(mailbox);
        checkQuota(messages);
        List<Long> uids = s.append(messages, config.maxMessageSize());
        synchronized (this) {
            if (usedBytes >= 0) {
                for (AppendRequest r : messages) {
                    usedBytes += Math.max(0, r.source().size());
                }
                usedMessages += messages.size();
            }
        }
        return new AppendResult(s.uidValidity(), uids);
    }

    @Override
    public Map<Long, String> popUidls(String mailbox) throws StoreException {
        MailboxState s = state(mailbox);
        try {
            return PopUidls.read(locate(s.name()).sidecars().popUidls(), s.uidValidity());
        } catch (IOException e) {
            throw StoreException.io("reading the kept POP3 UIDLs of " + mailbox, e);
        }
    }

    @Override
    public void addPopUidls(String mailbox, long uidValidity, Map<Long, String> uidls) throws StoreException {
        MailboxState s = state(mailbox);
        if (uidls.isEmpty()) {
            return;
        }
        synchronized (s) {
            if (s.uidValidity() != uidValidity) {
                throw new StoreException(Reason.UIDNOTALLOWED, "the mailbox's UIDVALIDITY is no longer " + uidValidity);
            }
            try {
                PopUidls.add(locate(s.name()).sidecars().popUidls(), uidValidity, uidls, settings.fsync());
            } catch (IOException e) {
                throw StoreException.io("recording POP3 UIDLs in " + mailbox, e);
            } catch (IllegalArgumentException e) {
                throw new StoreException(Reason.CANNOT, e.getMessage());
            }
        }
    }

    private void checkQuota(List<AppendRequest> messages) throws StoreException {
        for (AppendRequest r : messages) {
            if (config.maxMessageSize() >= 0 && r.source().size() > config.maxMessageSize()) {
                throw new StoreException(Reason.TOOBIG, "message too big (limit " + config.maxMessageSize() + " bytes)");
            }
        }
        if (config.maxAccountSize() < 0 && config.maxAccountMessages() < 0) {
            return;
        }
        QuotaUsage q = quota();
        long add = 0;
        for (AppendRequest r : messages) {
            add += Math.max(0, r.source().size());
        }
        if ((q.bytesLimit() >= 0 && q.bytes() + add > q.bytesLimit())
                || (q.messageLimit() >= 0 && q.messages() + messages.size() > q.messageLimit())) {
            throw new StoreException(Reason.OVERQUOTA, "the account is over its quota");
        }
    }

    @Override
    public long deliver(String mailbox, MessageSource message, String envelopeFrom) throws StoreException {
        AppendRequest r = new AppendRequest(message, null, Instant.now(), envelopeFrom);
        return append(mailbox, List.of(r)).uids().get(0);
    }

    @Override
    public String mailboxClass(String name) throws StoreException {
        return state(name).withMeta(m -> m.mailboxClass, false);
    }

    @Override
    public void setMailboxClass(String name, String mailboxClass) throws StoreException {
        state(name).withMeta(m -> m.mailboxClass = mailboxClass, true);
    }

    @Override
    public Map<String, String> acl(String name) throws StoreException {
        return state(name).withMeta(m -> Map.copyOf(m.acl), false);
    }

    @Override
    public void setAcl(String name, String identifier, String rights) throws StoreException {
        Rights.checkIdentifier(identifier);
        String r = rights == null ? null : Rights.normalize(rights);
        state(name).withMeta(m -> r == null ? m.acl.remove(identifier) : m.acl.put(identifier, r), true);
    }

    @Override
    public synchronized QuotaUsage quota() throws StoreException {
        if (usedBytes < 0) {
            long b = 0;
            long n = 0;
            for (MailboxInfo i : list()) {
                if (i.selectable()) {
                    MailboxStatus s = status(i.name());
                    b += s.size();
                    n += s.messages();
                }
            }
            usedBytes = b;
            usedMessages = n;
        }
        return new QuotaUsage(usedBytes, config.maxAccountSize(), usedMessages, config.maxAccountMessages());
    }

    /** Forgets cached usage (after expunges). */
    synchronized void usageChanged() {
        usedBytes = -1;
    }

    public void close() {
        for (MailboxState s : states.values()) {
            s.close();
        }
        states.clear();
    }
}
