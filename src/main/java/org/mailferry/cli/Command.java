package org.mailferry.cli;

/**
 * One CLI command: what access it needs and what it does. It returns the data to send back, or null for a
 * plain {@code 200 OK}.
 */
record Command(String name, Access access, Handler handler) {
    enum Access {
        /** Server administrators only (the postmaster, or an account with the Master right). */
        ADMIN,
        /** Any logged-in user; the handler checks that a non-administrator touches only their own account. */
        USER
    }

    @FunctionalInterface
    interface Handler {
        Object run(CliContext ctx, Args args);
    }
}
