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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.mailferry.util.AtomicFile;

/**
 * The directory of one base directory: server settings, the main domain, secondary domains and their
 * aliases. Opening it reads only the domain folders' listings (see {@link Domain}); look-ups are hash-map
 * accesses afterwards.
 *
 * <p>Addresses: {@code name} means the main domain, {@code name@domain} the named domain or domain alias.
 */
public final class Directory implements AutoCloseable {
    public static final String MAIN_SETTINGS = "Main.settings";
    public static final String DOMAIN_NAME = "DomainName";
    public static final String DOMAIN_ALIASES = "DomainAliases";
    public static final String REHASH_ON_LOGIN = "RehashPasswordsOnLogin";
    /** Server setting: seconds a successful password check is remembered (docs/passwords.md); 0 turns it off. */
    public static final String PASSWORD_CACHE_TIME = "PasswordCacheTime";
    static final long DEFAULT_PASSWORD_CACHE_SECONDS = 600;

    /** Verifies an OS user's password (the UseSysPassword setting); the default refuses everything. */
    @FunctionalInterface
    public interface SystemPasswords {
        boolean verify(String osUser, String password);
    }

    private final Layout layout;
    private final PasswordCodec passwords;
    private final PasswordCache passwordCache = new PasswordCache();
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Domain> domains = new ConcurrentHashMap<>();
    private final Map<String, String> domainAliases = new ConcurrentHashMap<>(); // alias → domain
    private volatile SystemPasswords systemPasswords = (u, p) -> false;
    private volatile Map<String, Object> serverSettings;
    private volatile Domain main;
    private final boolean created;
    private final Journal journal;

    private Directory(Layout layout, PasswordCodec passwords, boolean created, Journal journal) {
        this.layout = layout;
        this.passwords = passwords;
        this.created = created;
        this.journal = journal;
    }

    /**
     * Opens the directory in {@code base}, creating the layout with {@code mainDomain} when the base directory
     * holds none yet (on later starts the stored main domain name wins).
     */
    public static Directory open(Path base, String mainDomain, PasswordCodec passwords) throws IOException {
        Layout layout = new Layout(base);
        Files.createDirectories(layout.settingsDir());
        Journal journal = new Journal(layout.base(), layout.settingsDir()); // replays what a crash left
        Path mainSettings = layout.settingsDir().resolve(MAIN_SETTINGS);
        boolean created = !Files.exists(mainSettings);
        Directory d = new Directory(layout, passwords, created, journal);
        try {
            if (created) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put(DOMAIN_NAME, Names.domainName(mainDomain));
                d.write(mainSettings, s);
            }
            d.serverSettings = SettingsFile.read(mainSettings);
            d.load();
        } catch (IOException | RuntimeException e) {
            journal.close();
            throw e;
        }
        return d;
    }

    private void load() throws IOException {
        String mainName = Names.domainName(String.valueOf(serverSettings.get(DOMAIN_NAME)));
        main = new Domain(this, mainName, true, layout.domainDir(mainName, true));
        main.load();
        domains.put(mainName, main);
        Path secondary = layout.base().resolve("Domains");
        Files.createDirectories(secondary);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(secondary)) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                if (f.startsWith(".")) {
                    if (f.startsWith(AtomicFile.TEMP_PREFIX) || f.startsWith(".deleted-")) {
                        Trees.deleteQuietly(p);
                    }
                    continue;
                }
                if (Files.isDirectory(p) && Files.exists(p.resolve(Domain.SETTINGS))) {
                    Domain dom = new Domain(this, f, false, p);
                    dom.load();
                    domains.put(f, dom);
                }
            }
        }
        for (Domain dom : domains.values()) {
            for (String a : dom.domainAliases()) {
                domainAliases.put(a, dom.name());
            }
        }
    }

    /** Durably replaces a dictionary file (one journal commit). */
    void write(Path file, Map<String, Object> dictionary) {
        commit(List.of(new Journal.Write(file, bytes(dictionary))));
    }

    void commit(List<Journal.Op> ops) {
        journal.commit(ops);
    }

    /** Called before every rename or deletion: see {@link Journal}. */
    void checkpoint() {
        journal.checkpoint();
    }

    static byte[] bytes(Map<String, Object> dictionary) {
        return org.mailferry.data.DataFormat.printPretty(dictionary).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Makes every change durable in its own file and stops the journal's checkpointer. */
    @Override
    public void close() {
        journal.close();
    }

    public Layout layout() {
        return layout;
    }

    /** Whether this start created the base directory. */
    public boolean created() {
        return created;
    }

    public PasswordCodec passwords() {
        return passwords;
    }

    public SystemPasswords systemPasswords() {
        return systemPasswords;
    }

    public void setSystemPasswords(SystemPasswords verifier) {
        this.systemPasswords = verifier;
    }

    /**
     * Whether {@code candidate} matches the stored form {@code stored}, through the cache of recent successful
     * checks ({@link PasswordCache}) unless the form is clear text, which is as fast to check directly.
     */
    boolean verifyPassword(String stored, String candidate) {
        if ("clear".equals(passwords.schemeName(stored))) {
            return passwords.verify(stored, candidate);
        }
        return passwordCache.verify(stored, candidate, passwords, passwordCacheSeconds());
    }

    long passwordCacheSeconds() {
        Object v = serverSettings.get(PASSWORD_CACHE_TIME);
        if (v instanceof String s && s.matches("[0-9]{1,9}")) {
            return Long.parseLong(s);
        }
        return DEFAULT_PASSWORD_CACHE_SECONDS;
    }

    boolean rehashOnLogin() {
        Object v = serverSettings.get(REHASH_ON_LOGIN);
        return v instanceof String s && s.equalsIgnoreCase("YES");
    }

    // ---- server settings -----------------------------------------------------------------------------

    public Map<String, Object> serverSettings() {
        return new LinkedHashMap<>(serverSettings);
    }

    public void updateServerSettings(Map<String, Object> update) {
        withLock(() -> {
            Map<String, Object> next = SettingsFile.merge(serverSettings, update);
            next.put(DOMAIN_NAME, main.name()); // renamed only through RENAMEDOMAIN
            write(layout.settingsDir().resolve(MAIN_SETTINGS), next);
            serverSettings = next;
        });
    }

    // ---- domains -------------------------------------------------------------------------------------

    public Domain mainDomain() {
        return main;
    }

    /** Domain names, the main domain first, then the others sorted. */
    public List<String> domainNames() {
        List<String> l = new ArrayList<>();
        for (String n : domains.keySet()) {
            if (!n.equals(main.name())) {
                l.add(n);
            }
        }
        l.sort(null);
        l.addFirst(main.name());
        return l;
    }

    /** The domain with this name or domain alias, if any. */
    public Optional<Domain> findDomain(String nameOrAlias) {
        String k = Layout.key(nameOrAlias);
        if (k.endsWith(".")) {
            k = k.substring(0, k.length() - 1);
        }
        Domain d = domains.get(k);
        if (d == null) {
            String real = domainAliases.get(k);
            d = real == null ? null : domains.get(real);
        }
        return Optional.ofNullable(d);
    }

    public Domain domain(String nameOrAlias) {
        return findDomain(nameOrAlias).orElseThrow(() -> new DirectoryException("unknown domain " + nameOrAlias));
    }

    public Domain createDomain(String name, Map<String, Object> settings) {
        String n = Names.domainName(name);
        return withLock(() -> {
            requireFreeDomain(n);
            Path dir = layout.domainDir(n, false);
            Map<String, Object> s = SettingsFile.merge(Map.of(), settings);
            s.remove(DOMAIN_ALIASES);
            commit(List.of(new Journal.Mkdir(dir), new Journal.Write(dir.resolve(Domain.SETTINGS), bytes(s))));
            Domain d = new Domain(this, n, false, dir);
            try {
                d.load();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open domain " + n + ": " + e.getMessage(), e);
            }
            domains.put(n, d);
            return d;
        });
    }

    public void renameDomain(String oldName, String newName) {
        String n = Names.domainName(newName);
        withLock(() -> {
            Domain d = domains.get(Layout.key(oldName));
            if (d == null) {
                throw new DirectoryException("unknown domain " + oldName);
            }
            if (d.name().equals(n)) {
                return null;
            }
            requireFreeDomain(n);
            checkpoint();
            if (d.isMain()) {
                Map<String, Object> next = new LinkedHashMap<>(serverSettings);
                next.put(DOMAIN_NAME, n);
                write(layout.settingsDir().resolve(MAIN_SETTINGS), next);
                serverSettings = next;
            } else {
                try {
                    Files.move(layout.domainDir(d.name(), false), layout.domainDir(n, false),
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    AtomicFile.fsyncDirectory(layout.base().resolve("Domains"));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot rename domain " + d.name() + ": " + e.getMessage(), e);
                }
            }
            Domain renamed = new Domain(this, n, d.isMain(), layout.domainDir(n, d.isMain()));
            try {
                renamed.load();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            domains.remove(d.name());
            domains.put(n, renamed);
            if (d.isMain()) {
                main = renamed;
            }
            for (String a : renamed.domainAliases()) {
                domainAliases.put(a, n);
            }
            return null;
        });
    }

    public void deleteDomain(String name, boolean force) {
        withLock(() -> {
            Domain d = domains.get(Layout.key(name));
            if (d == null) {
                throw new DirectoryException("unknown domain " + name);
            }
            if (d.isMain()) {
                throw new DirectoryException("the main domain cannot be deleted");
            }
            if (!force && d.accountCount() > 0) {
                throw new DirectoryException("domain " + d.name() + " has " + d.accountCount()
                        + " accounts; delete them first or use FORCE");
            }
            checkpoint();
            Path dir = layout.domainDir(d.name(), false);
            Path trash = dir.resolveSibling(".deleted-" + d.name());
            try {
                Trees.delete(trash);
                Files.move(dir, trash, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                AtomicFile.fsyncDirectory(dir.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete domain " + d.name() + ": " + e.getMessage(), e);
            }
            domains.remove(d.name());
            domainAliases.values().removeIf(d.name()::equals);
            Trees.deleteQuietly(trash);
            return null;
        });
    }

    public List<String> domainAliases(String domainName) {
        return domain(domainName).domainAliases();
    }

    public void setDomainAliases(String domainName, List<String> aliases) {
        List<String> canon = new ArrayList<>();
        for (String a : aliases) {
            String c = Names.domainName(a);
            if (!canon.contains(c)) {
                canon.add(c);
            }
        }
        withLock(() -> {
            Domain d = domain(domainName);
            for (String c : canon) {
                if (domains.containsKey(c) || (domainAliases.containsKey(c) && !domainAliases.get(c).equals(d.name()))) {
                    throw new DirectoryException("cannot use " + c + " as a domain alias: it is already a domain "
                            + "or an alias of another domain");
                }
            }
            d.withLock(() -> d.writeDomainAliases(canon));
            domainAliases.values().removeIf(d.name()::equals);
            for (String c : canon) {
                domainAliases.put(c, d.name());
            }
            return null;
        });
    }

    private void requireFreeDomain(String n) {
        if (domains.containsKey(n) || domainAliases.containsKey(n)) {
            throw new DirectoryException("a domain or domain alias named " + n + " already exists");
        }
    }

    // ---- addresses -----------------------------------------------------------------------------------

    /** Splits {@code name[@domain]} into the domain (main when absent) and the local name. */
    public Target target(String address) {
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return new Target(main, address);
        }
        return new Target(domain(address.substring(at + 1)), address.substring(0, at));
    }

    /** An address split into its domain and local name. */
    public record Target(Domain domain, String name) {
    }

    /** The account an address or login name names (through account aliases and domain aliases), if any. */
    public Optional<Account> findAccount(String address) {
        int at = address.lastIndexOf('@');
        Optional<Domain> d = at < 0 ? Optional.of(main) : findDomain(address.substring(at + 1));
        String local = at < 0 ? address : address.substring(0, at);
        return d.flatMap(dom -> dom.findAccount(local));
    }

    /** The account with this exact name in its domain (no alias), or a DirectoryException. */
    public Account account(String address) {
        Target t = target(address);
        return t.domain().account(t.name());
    }

    /** Renames an account, also across domains ({@code a@x into b@y}). */
    public Account renameAccount(String from, String to) {
        Target src = target(from);
        Target dst = target(to);
        if (src.domain() == dst.domain()) {
            return src.domain().renameAccount(src.name(), dst.name());
        }
        // cross-domain moves take the directory lock first, so two domain locks are never taken in two orders
        return withLock(() -> src.domain().moveAccountTo(src.name(), dst.domain(), dst.name()));
    }

    private <T> T withLock(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private void withLock(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }
}
