package org.mailferry.imap.server;

import org.mailferry.directory.Account;
import org.mailferry.store.AccountStore;

/**
 * The IMAP connection states (RFC 3501 §3). Each state carries only what exists in it: before login there is
 * no account, outside Selected there is no mailbox to misuse.
 */
sealed interface State {
    record NotAuthenticated() implements State {
    }

    record Authenticated(Account account, AccountStore store) implements State {
    }

    record Selected(Account account, AccountStore store, SelectedMailbox mailbox) implements State {
    }

    record Logout() implements State {
    }
}
