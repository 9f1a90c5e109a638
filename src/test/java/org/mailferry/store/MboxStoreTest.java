package org.mailferry.store;

import java.nio.file.Path;

class MboxStoreTest extends MailStoreContract {
    @Override
    AccountConfig config(Path tmp) {
        return AccountConfig.DEFAULT;
    }
}
