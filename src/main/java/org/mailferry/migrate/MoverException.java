package org.mailferry.migrate;

/** Ends a mover run with the given exit code ({@link ExitCodes}) and a message for the operator. */
public class MoverException extends Exception {
    private final int exitCode;

    public MoverException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public MoverException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() { return exitCode; }
}
