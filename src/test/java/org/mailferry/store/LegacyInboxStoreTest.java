package org.mailferry.store;

import java.nio.file.Path;

/** The contract on a Legacy INBOX kept outside the account (as /var/mail/NAME would be), dotlocked. */
class LegacyInboxStoreTest extends MailStoreContract {
    @Override
    AccountConfig config(Path tmp) {
        try {
            java.nio.file.Files.createDirectories(tmp.resolve("var-mail"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return AccountConfig.DEFAULT.withLegacyInbox(tmp.resolve("var-mail").resolve("alice"));
    }
}
