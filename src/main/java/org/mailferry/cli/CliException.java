package org.mailferry.cli;

/** A command that cannot be done; the message is the text of the 501 reply. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
