package org.mailferry.directory;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where things live in the base directory, laid out like CommuniGate Pro's (see docs/layout.md).
 *
 * <pre>
 * BASE/Settings/                       server settings, one data-format file each (Main.settings, …)
 * BASE/Accounts/NAME.macnt/            an account of the main domain
 *           account.settings           its settings dictionary
 *           INBOX.mbox, Sent.mbox …    its mailboxes (store's business)
 * BASE/Domains/DOMAIN/                 a secondary domain
 *           domain.settings            its settings; account.template: its account template
 *           NAME.macnt/                its accounts, as above
 * </pre>
 *
 * Names on disk are the lower-case form of the (case-insensitive) account and domain names. Pure path
 * arithmetic: nothing here touches the disk.
 */
public final class Layout {
    public static final String ACCOUNT_EXT = ".macnt";
    public static final String ACCOUNT_SETTINGS = "account.settings";

    private final Path base;

    public Layout(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    public Path base() {
        return base;
    }

    public Path settingsDir() {
        return base.resolve("Settings");
    }

    /** The folder of a domain's accounts: {@code Accounts/} for the main domain, else {@code Domains/D/}. */
    public Path domainDir(String domain, boolean isMain) {
        return isMain ? base.resolve("Accounts") : base.resolve("Domains").resolve(key(domain));
    }

    /** An account's folder, holding {@code account.settings} and its mailboxes. */
    public Path accountDir(String domain, boolean isMainDomain, String account) {
        return domainDir(domain, isMainDomain).resolve(key(account) + ACCOUNT_EXT);
    }

    /** The case-folded form used for names on disk and in look-ups. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
