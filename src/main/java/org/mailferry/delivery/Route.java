package org.mailferry.delivery;

import org.mailferry.directory.Account;
import org.mailferry.smtp.proto.MailAddress;

/** Where one recipient's copy goes after routing. */
public sealed interface Route {
    /** Into an account of this server. */
    record Local(Account account) implements Route {
    }

    /** To another server over SMTP. */
    record Remote(MailAddress address) implements Route {
    }
}
