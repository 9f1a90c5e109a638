package org.mailferry.directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.mailferry.data.DataFormat;
import org.mailferry.util.AtomicFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A domain (main or secondary): its settings, account template and defaults, and its one name space of
 * accounts, account aliases, forwarders and groups.
 *
 * <p>The name index is built at start-up from one listing of the domain folder (account folders
 * {@code *.macnt}, forwarder files {@code *.frwd}, group files {@code *.group}) plus {@code aliases.data};
 * account settings are read only when an account is first used. After that every look-up is a hash-map
 * access. Changes to the name space are serialised by the domain's lock and written durably before the
 * call returns.
 */
public final class Domain {
    private static final Logger log = LoggerFactory.getLogger(Domain.class);
    static final String SETTINGS = "domain.settings";
    static final String TEMPLATE = "account.template";
    static final String DEFAULTS = "account.defaults";
    static final String ALIASES = "aliases.data";
    static final String FORWARDER_EXT = ".frwd";
    static final String GROUP_EXT = ".group";
    private static final String DELETED_PREFIX = ".deleted-";

    private final Directory directory;
    private final String name;
    private final boolean main;
    private final Path dir;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, DomainObject> objects = new ConcurrentHashMap<>();
    /** Names of accounts being created: taken, though not yet in {@link #objects}. */
    private final java.util.Set<String> reserved = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Object> settings;
    private volatile Map<String, Object> template;
    private volatile Map<String, Object> defaults;
    private volatile Map<String, List<String>> accountAliases; // account → its aliases

    Domain(Directory directory, String name, boolean main, Path dir) {
        this.directory = directory;
        this.name = name;
        this.main = main;
        this.dir = dir;
    }

    /** Reads the domain's files and builds its name index. */
    void load() throws IOException {
        Files.createDirectories(dir);
        settings = SettingsFile.read(dir.resolve(SETTINGS));
        template = SettingsFile.read(dir.resolve(TEMPLATE));
        defaults = SettingsFile.read(dir.resolve(DEFAULTS));
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                if (f.startsWith(AtomicFile.TEMP_PREFIX) || f.startsWith(DELETED_PREFIX)) {
                    leftovers.add(p);
                } else if (f.endsWith(Layout.ACCOUNT_EXT)) {
                    String n = f.substring(0, f.length() - Layout.ACCOUNT_EXT.length());
                    objects.put(n, new Account(this, n));
                } else if (f.endsWith(FORWARDER_EXT)) {
                    String n = f.substring(0, f.length() - FORWARDER_EXT.length());
                    objects.put(n, new DomainObject.Forwarder(n, Files.readString(p).strip()));
                } else if (f.endsWith(GROUP_EXT)) {
                    String n = f.substring(0, f.length() - GROUP_EXT.length());
                    objects.put(n, new DomainObject.Group(n));
                }
            }
        }
        for (Path p : leftovers) {
            log.info("domain {}: removing {} left by an interrupted change", name, p.getFileName());
            Trees.delete(p);
        }
        Map<String, List<String>> aliases = new TreeMap<>();
        for (var e : SettingsFile.read(dir.resolve(ALIASES)).entrySet()) {
            List<String> list = strings(e.getValue());
            aliases.put(e.getKey(), list);
            for (String a : list) {
                objects.putIfAbsent(a, new DomainObject.Alias(a, e.getKey()));
            }
        }
        accountAliases = aliases;
    }

    public String name() {
        return name;
    }

    public boolean isMain() {
        return main;
    }

    public Directory directory() {
        return directory;
    }

    Path dir() {
        return dir;
    }

    Path accountDir(String account) {
        return dir.resolve(account + Layout.ACCOUNT_EXT);
    }

    // ---- settings, template, defaults ---------------------------------------------------------------

    public Map<String, Object> settings() {
        return new LinkedHashMap<>(settings);
    }

    public void updateSettings(Map<String, Object> update, boolean replace) {
        withLock(() -> {
            Map<String, Object> next = SettingsFile.merge(replace ? Map.of() : settings, update);
            if (!replace && settings.containsKey(Directory.DOMAIN_ALIASES)) {
                next.putIfAbsent(Directory.DOMAIN_ALIASES, settings.get(Directory.DOMAIN_ALIASES));
            }
            directory.write(dir.resolve(SETTINGS), next);
            settings = next;
        });
    }

    public List<String> domainAliases() {
        return strings(settings.get(Directory.DOMAIN_ALIASES));
    }

    void writeDomainAliases(List<String> aliases) {
        Map<String, Object> next = new LinkedHashMap<>(settings);
        if (aliases.isEmpty()) {
            next.remove(Directory.DOMAIN_ALIASES);
        } else {
            next.put(Directory.DOMAIN_ALIASES, List.copyOf(aliases));
        }
        directory.write(dir.resolve(SETTINGS), next);
        settings = next;
    }

    public Map<String, Object> accountTemplate() {
        return new LinkedHashMap<>(template);
    }

    public void updateAccountTemplate(Map<String, Object> update, boolean replace) {
        withLock(() -> {
            Map<String, Object> next = SettingsFile.merge(replace ? Map.of() : template, update);
            directory.write(dir.resolve(TEMPLATE), next);
            template = next;
        });
    }

    public Map<String, Object> accountDefaults() {
        return defaults;
    }

    public void updateAccountDefaults(Map<String, Object> update, boolean replace) {
        withLock(() -> {
            Map<String, Object> next = SettingsFile.merge(replace ? Map.of() : defaults, update);
            directory.write(dir.resolve(DEFAULTS), next);
            defaults = java.util.Collections.unmodifiableMap(next);
        });
    }

    // ---- the name space -------------------------------------------------------------------------------

    /** The object with this name (any case), if any. */
    public Optional<DomainObject> find(String objectName) {
        return Optional.ofNullable(objects.get(Layout.key(objectName)));
    }

    /** The account with this name or account alias, if any. */
    public Optional<Account> findAccount(String nameOrAlias) {
        DomainObject o = objects.get(Layout.key(nameOrAlias));
        if (o instanceof DomainObject.Alias a) {
            o = objects.get(a.account());
        }
        return o instanceof Account acc ? Optional.of(acc) : Optional.empty();
    }

    /** The account with exactly this name (not an alias), or a DirectoryException. */
    public Account account(String accountName) {
        DomainObject o = objects.get(Layout.key(accountName));
        if (o instanceof Account a) {
            return a;
        }
        throw new DirectoryException(o == null ? "unknown account " + accountName + "@" + name
                : accountName + "@" + name + " is a " + o.kind() + ", not an account");
    }

    /** Account names, sorted. */
    public List<String> accountNames() {
        return names(Account.class);
    }

    public int accountCount() {
        int n = 0;
        for (DomainObject o : objects.values()) {
            if (o instanceof Account) {
                n++;
            }
        }
        return n;
    }

    public Account createAccount(String accountName, AccountType type, boolean legacy, Map<String, Object> given) {
        String n = Names.objectName(accountName);
        Map<String, Object> merged = SettingsFile.merge(template, given);
        if (legacy) {
            merged.put(AccountSettings.LEGACY_INBOX, "YES");
        }
        Map<String, Object> info = new LinkedHashMap<>();
        if (type != null && type != AccountType.MultiMailbox) {
            info.put("Type", type.name());
        }
        Map<String, Object> stored = Account.prepareNew(this, merged); // hashing may be slow: outside the lock
        // Reserve the name under the lock, but commit (fsync) outside it, so that creations running in parallel
        // share the journal's fsyncs (group commit) instead of queueing behind one another.
        withLock(() -> {
            requireFree(n);
            reserved.add(n);
        });
        try {
            Path accountDir = accountDir(n);
            List<Journal.Op> ops = new ArrayList<>();
            ops.add(new Journal.Mkdir(accountDir));
            ops.add(new Journal.Write(accountDir.resolve(Layout.ACCOUNT_SETTINGS), Directory.bytes(stored)));
            if (!info.isEmpty()) {
                ops.add(new Journal.Write(accountDir.resolve(Account.INFO_FILE), Directory.bytes(info)));
            }
            directory.commit(ops);
            Account a = new Account(this, n, stored, info);
            objects.put(n, a);
            return a;
        } finally {
            reserved.remove(n);
        }
    }

    public void deleteAccount(String accountName) {
        withLock(() -> {
            Account a = account(accountName);
            directory.checkpoint();
            List<String> aliases = accountAliases.getOrDefault(a.name(), List.of());
            if (!aliases.isEmpty()) {
                Map<String, List<String>> next = new TreeMap<>(accountAliases);
                next.remove(a.name());
                writeAliases(next);
                aliases.forEach(objects::remove);
            }
            moveAwayAndDelete(accountDir(a.name()));
            objects.remove(a.name());
            return null;
        });
    }

    /** Renames an account within this domain, keeping its aliases (they point to the new name). */
    public Account renameAccount(String oldName, String newName) {
        String n = Names.objectName(newName);
        return withLock(() -> {
            Account a = account(oldName);
            if (a.name().equals(n)) {
                return a;
            }
            requireFree(n);
            directory.checkpoint();
            try {
                Files.move(accountDir(a.name()), accountDir(n), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                AtomicFile.fsyncDirectory(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rename " + a + ": " + e.getMessage(), e);
            }
            objects.remove(a.name());
            Account renamed = new Account(this, n);
            objects.put(n, renamed);
            List<String> aliases = accountAliases.get(a.name());
            if (aliases != null) {
                Map<String, List<String>> next = new TreeMap<>(accountAliases);
                next.remove(a.name());
                next.put(n, aliases);
                writeAliases(next);
                for (String al : aliases) {
                    objects.put(al, new DomainObject.Alias(al, n));
                }
            }
            return renamed;
        });
    }

    /** Moves an account into another domain (its aliases stay behind and are removed). */
    Account moveAccountTo(String oldName, Domain target, String newName) {
        String n = Names.objectName(newName);
        Account a = account(oldName);
        return target.withLock(() -> withLock(() -> {
            target.requireFree(n);
            directory.checkpoint();
            try {
                Files.move(accountDir(a.name()), target.accountDir(n), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                AtomicFile.fsyncDirectory(dir);
                AtomicFile.fsyncDirectory(target.dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move " + a + ": " + e.getMessage(), e);
            }
            objects.remove(a.name());
            List<String> aliases = accountAliases.get(a.name());
            if (aliases != null) {
                Map<String, List<String>> next = new TreeMap<>(accountAliases);
                next.remove(a.name());
                writeAliases(next);
                aliases.forEach(objects::remove);
            }
            Account moved = new Account(target, n);
            target.objects.put(n, moved);
            return moved;
        }));
    }

    public List<String> accountAliases(String accountName) {
        return List.copyOf(accountAliases.getOrDefault(account(accountName).name(), List.of()));
    }

    /** Replaces the aliases of an account. */
    public void setAccountAliases(String accountName, List<String> aliases) {
        List<String> canon = new ArrayList<>();
        for (String a : aliases) {
            String c = Names.objectName(a);
            if (!canon.contains(c)) {
                canon.add(c);
            }
        }
        withLock(() -> {
            Account acc = account(accountName);
            List<String> old = accountAliases.getOrDefault(acc.name(), List.of());
            for (String c : canon) {
                DomainObject o = objects.get(c);
                if (o != null && !(o instanceof DomainObject.Alias al && al.account().equals(acc.name()))) {
                    throw new DirectoryException("cannot use " + c + " as an alias: a " + o.kind()
                            + " with this name already exists in " + name);
                }
            }
            Map<String, List<String>> next = new TreeMap<>(accountAliases);
            if (canon.isEmpty()) {
                next.remove(acc.name());
            } else {
                next.put(acc.name(), List.copyOf(canon));
            }
            writeAliases(next);
            old.forEach(objects::remove);
            for (String c : canon) {
                objects.put(c, new DomainObject.Alias(c, acc.name()));
            }
            return null;
        });
    }

    // ---- forwarders ----------------------------------------------------------------------------------

    public List<String> forwarderNames() {
        return names(DomainObject.Forwarder.class);
    }

    public DomainObject.Forwarder forwarder(String fwdName) {
        if (objects.get(Layout.key(fwdName)) instanceof DomainObject.Forwarder f) {
            return f;
        }
        throw new DirectoryException("unknown forwarder " + fwdName + "@" + name);
    }

    public void createForwarder(String fwdName, String address) {
        String n = Names.objectName(fwdName);
        String addr = Addresses.check(address);
        withLock(() -> {
            requireFree(n);
            directory.commit(List.of(new Journal.Write(dir.resolve(n + FORWARDER_EXT),
                    addr.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            objects.put(n, new DomainObject.Forwarder(n, addr));
            return null;
        });
    }

    public void deleteForwarder(String fwdName) {
        withLock(() -> {
            DomainObject.Forwarder f = forwarder(fwdName);
            deleteFile(dir.resolve(f.name() + FORWARDER_EXT));
            objects.remove(f.name());
            return null;
        });
    }

    // ---- groups --------------------------------------------------------------------------------------

    public List<String> groupNames() {
        return names(DomainObject.Group.class);
    }

    public Map<String, Object> group(String groupName) {
        DomainObject.Group g = requireGroup(groupName);
        return SettingsFile.read(dir.resolve(g.name() + GROUP_EXT));
    }

    public void createGroup(String groupName, Map<String, Object> groupSettings) {
        String n = Names.objectName(groupName);
        Map<String, Object> s = checkGroup(groupSettings);
        withLock(() -> {
            requireFree(n);
            directory.write(dir.resolve(n + GROUP_EXT), s);
            objects.put(n, new DomainObject.Group(n));
            return null;
        });
    }

    public void setGroup(String groupName, Map<String, Object> groupSettings) {
        Map<String, Object> s = checkGroup(groupSettings);
        withLock(() -> {
            DomainObject.Group g = requireGroup(groupName);
            directory.write(dir.resolve(g.name() + GROUP_EXT), s);
            return null;
        });
    }

    public void deleteGroup(String groupName) {
        withLock(() -> {
            DomainObject.Group g = requireGroup(groupName);
            deleteFile(dir.resolve(g.name() + GROUP_EXT));
            objects.remove(g.name());
            return null;
        });
    }

    private DomainObject.Group requireGroup(String groupName) {
        if (objects.get(Layout.key(groupName)) instanceof DomainObject.Group g) {
            return g;
        }
        throw new DirectoryException("unknown group " + groupName + "@" + name);
    }

    private static Map<String, Object> checkGroup(Map<String, Object> s) {
        Map<String, Object> copy = new LinkedHashMap<>(s);
        Object members = copy.get("Members");
        if (members != null && !(members instanceof List)) {
            throw new DirectoryException("the group setting Members must be an array of addresses");
        }
        if (members instanceof List<?> l) {
            for (Object m : l) {
                if (!(m instanceof String addr)) {
                    throw new DirectoryException("group members must be strings");
                }
                Addresses.check(addr);
            }
        }
        return copy;
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private void requireFree(String n) {
        DomainObject o = objects.get(n);
        if (o != null) {
            throw new DirectoryException(article(o.kind()) + " named " + n + " already exists in " + name);
        }
        if (reserved.contains(n)) {
            throw new DirectoryException("an account named " + n + " is being created in " + name);
        }
    }

    private static String article(String kind) {
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    private List<String> names(Class<? extends DomainObject> kind) {
        List<String> l = new ArrayList<>();
        for (DomainObject o : objects.values()) {
            if (kind.isInstance(o)) {
                l.add(o.name());
            }
        }
        l.sort(null);
        return l;
    }

    private void writeAliases(Map<String, List<String>> next) {
        Map<String, Object> m = new LinkedHashMap<>(next);
        directory.write(dir.resolve(ALIASES), m);
        accountAliases = next;
    }

    private void moveAwayAndDelete(Path p) {
        Path trash = dir.resolve(DELETED_PREFIX + p.getFileName() + "-" + rand());
        try {
            Files.move(p, trash, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            AtomicFile.fsyncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p.getFileName() + ": " + e.getMessage(), e);
        }
        Trees.deleteQuietly(trash);
    }

    private void deleteFile(Path p) {
        directory.checkpoint();
        try {
            Files.delete(p);
            AtomicFile.fsyncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p.getFileName() + ": " + e.getMessage(), e);
        }
    }



    static List<String> strings(Object v) {
        List<String> l = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object o : list) {
                l.add(String.valueOf(o));
            }
        } else if (v instanceof String s && !s.isEmpty()) {
            l.add(s);
        }
        return l;
    }

    private static String rand() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    <T> T withLock(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    void withLock(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
