package org.mailferry.store;

import java.nio.file.Path;

class MdirStoreTest extends MailStoreContract {
    @Override
    AccountConfig config(Path tmp) {
        return AccountConfig.DEFAULT.withFormat(MailboxFormat.MDIR);
    }
}
