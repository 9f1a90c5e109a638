package org.mailferry.directory;

/**
 * A directory request that cannot be done, with a public message fit for a CLI 501 reply or an import report
 * (no paths, no secrets).
 */
public class DirectoryException extends RuntimeException {
    public DirectoryException(String message) {
        super(message);
    }

    public DirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
