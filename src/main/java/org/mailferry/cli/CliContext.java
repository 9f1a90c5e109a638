package org.mailferry.cli;

import org.mailferry.directory.Account;
import org.mailferry.directory.Directory;

/** What a command sees: the directory and the logged-in account. */
record CliContext(Directory directory, Account user, boolean admin) {

    /** Resolves an account parameter; {@code *} is the logged-in account. Non-administrators only get themselves. */
    Account account(String name) {
        Account a = "*".equals(name) ? user : directory.account(name);
        if (!admin && !a.address().equals(user.address())) {
            throw new CliException("you may only access your own account");
        }
        return a;
    }
}
