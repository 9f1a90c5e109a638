package org.mailferry.access;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mailferry.auth.sasl.Apop;
import org.mailferry.auth.sasl.CredentialLookup;
import org.mailferry.auth.sasl.SaslContext;
import org.mailferry.auth.sasl.SaslMechanisms;
import org.mailferry.auth.sasl.SaslServer;
import org.mailferry.auth.sasl.SaslStep;
import org.mailferry.directory.Account;
import org.mailferry.directory.AccountSettings;
import org.mailferry.directory.Directory;
import org.mailferry.store.AccountConfig;
import org.mailferry.store.AccountStore;
import org.mailferry.store.MailStore;
import org.mailferry.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way IMAP, POP3 and SMTP sessions reach accounts: login (plain, SASL, APOP) through the directory with
 * throttling, and the account's mailbox store. Login names are account names, account aliases, or
 * {@code name@domain} for secondary domains. Failures look the same whether or not the account exists, and are
 * answered after the throttle's delay. Passwords and SASL payloads are never logged.
 */
public final class MailAccess {
    private static final Logger log = LoggerFactory.getLogger(MailAccess.class);

    private final Directory directory;
    private final MailStore store;
    private final AccessSettings settings;
    private final LoginThrottle throttle;
    private final SaslContext sasl;

    public MailAccess(Directory directory, MailStore store, AccessSettings settings, byte[] saslSecret) {
        this.directory = directory;
        this.store = store;
        this.settings = settings;
        this.throttle = new LoginThrottle(settings.failureWindow(), settings.maxFailuresPerAddress(),
                settings.maxFailuresPerName(), settings.failureDelayMillis(), Clock.systemUTC());
        this.sasl = new SaslContext(new Credentials(), settings.serverName(), new SecureRandom(), saslSecret, 4096);
    }

    /** Reads (or makes on first start) the server's SASL secret kept in {@code file} (mode 600). */
    public static byte[] saslSecret(Path file) throws IOException {
        if (Files.exists(file)) {
            byte[] b = Files.readAllBytes(file);
            if (b.length >= 32) {
                return b;
            }
        }
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, b);
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return b;
    }

    public AccessSettings settings() {
        return settings;
    }

    public Directory directory() {
        return directory;
    }

    public LoginThrottle throttle() {
        return throttle;
    }

    /** The account a login name or address selects (aliases and domain aliases resolved). */
    public Optional<Account> account(String name) {
        try {
            return directory.findAccount(name);
        } catch (RuntimeException e) {
            return Optional.empty(); // a malformed name is simply no account
        }
    }

    /** The mailbox store of an account. */
    public AccountStore store(Account account) throws StoreException {
        return store.account(account.dir(), config(account));
    }

    /**
     * The store configuration of an account: its type, Legacy INBOX (domain LegacyINBOXPath) and size limits,
     * mapped by {@link AccountConfig#fromSettings} (the import tools use the same mapping).
     */
    static AccountConfig config(Account account) {
        return AccountConfig.fromSettings(account.type().keyword(), account.effectiveSettings(),
                account.domain().settings().get("LegacyINBOXPath"), account.name());
    }

    /** Whether clear-text credentials may be taken on this link. */
    public boolean plainAllowed(boolean secure, InetAddress client) {
        return secure || settings.insecurePlainLogin() || client.isLoopbackAddress();
    }

    /**
     * Checks a clear-text login (IMAP LOGIN, POP3 USER/PASS, SASL PLAIN/LOGIN after decoding). On failure sleeps
     * the throttle's delay before returning empty.
     */
    public Optional<Account> login(String name, String password, InetAddress client) {
        String ip = client.getHostAddress();
        Optional<Account> account = Optional.empty();
        if (throttle.allowed(ip, name) && name.length() <= 255 && password.length() <= 1024) {
            account = account(name).filter(a -> a.verifyPassword(password));
        }
        return finish(account, name, ip);
    }

    private Optional<Account> finish(Optional<Account> account, String name, String ip) {
        if (account.isPresent()) {
            throttle.succeeded(ip, name);
            log.info("login {} from {}", account.get().address(), ip);
            return account;
        }
        long delay = throttle.failed(ip, name);
        log.info("login failed for {} from {}", sanitize(name), ip);
        sleep(delay);
        return Optional.empty();
    }

    /** The SASL mechanisms to advertise on this link. */
    public java.util.List<String> mechanisms(boolean secure, InetAddress client) {
        return SaslMechanisms.names(plainAllowed(secure, client));
    }

    /** A fresh SASL exchange, or empty for an unknown mechanism or a plain one not allowed on this link. */
    public Optional<SaslServer> sasl(String mechanism, boolean secure, InetAddress client) {
        if (!mechanisms(secure, client).contains(mechanism.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return SaslMechanisms.create(mechanism, sasl);
    }

    /**
     * Completes a SASL exchange: on success the account (an authorization identity other than the login's
     * own is refused), else empty after the throttle's delay.
     */
    public Optional<SaslResult> saslResult(SaslStep step, InetAddress client) {
        String ip = client.getHostAddress();
        if (step instanceof SaslStep.Success s) {
            Optional<Account> found = throttle.allowed(ip, s.authenticationId()) ? account(s.authenticationId())
                    : Optional.empty();
            Optional<Account> a = found.filter(acc -> s.authorizationId().isEmpty()
                    || account(s.authorizationId()).map(x -> x.address().equalsIgnoreCase(acc.address())).orElse(false));
            return finish(a, s.authenticationId(), ip).map(SaslResult::new);
        }
        SaslStep.Failure f = (SaslStep.Failure) step;
        if (f.reason() == SaslStep.Reason.BAD_CREDENTIALS) {
            sleep(throttle.failed(ip, null));
        }
        log.info("SASL failed from {}: {}", ip, f.detail());
        return Optional.empty();
    }

    /** A successful SASL login. */
    public record SaslResult(Account account) {
    }

    /** A fresh APOP greeting timestamp. */
    public String apopTimestamp() {
        return Apop.timestamp(sasl);
    }

    /** Checks POP3 APOP; on failure sleeps the throttle's delay. */
    public Optional<Account> apop(String timestamp, String name, String digest, InetAddress client) {
        String ip = client.getHostAddress();
        Optional<Account> a = Optional.empty();
        if (throttle.allowed(ip, name) && Apop.verify(sasl, timestamp, name, digest)) {
            a = account(name);
        }
        return finish(a, name, ip);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String sanitize(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) : s;
        return t.replaceAll("[^\\x21-\\x7e]", "?");
    }

    /** Stored passwords through the directory, for the SASL mechanisms. */
    private final class Credentials implements CredentialLookup {
        @Override
        public Optional<String> storedPassword(String loginName) {
            return account(loginName).flatMap(a -> {
                Map<String, Object> eff = a.effectiveSettings();
                if (!AccountSettings.yes(eff, AccountSettings.USE_APP_PASSWORD)) {
                    return Optional.empty();
                }
                return eff.get(AccountSettings.PASSWORD) instanceof String p && !p.isEmpty() ? Optional.of(p)
                        : Optional.empty();
            });
        }

        @Override
        public boolean verifyPlain(String loginName, String password) {
            return account(loginName).map(a -> a.verifyPassword(password)).orElse(false);
        }
    }
}
