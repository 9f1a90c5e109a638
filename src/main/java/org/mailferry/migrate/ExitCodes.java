package org.mailferry.migrate;

/**
 * The movers' exit codes (documented in README "Commands" and docs/movers.md). The connect, login and
 * "finished with errors" codes are the ones imapsync uses, so existing wrapper scripts keep working.
 */
public final class ExitCodes {
    private ExitCodes() { }

    public static final int OK = 0;
    /** Internal failure, or the account's journal is damaged or in use by another mover. */
    public static final int INTERNAL = 1;
    /** Bad command line or account file. */
    public static final int USAGE = 2;
    public static final int CONNECT_SOURCE = 101;
    public static final int CONNECT_TARGET = 102;
    /** Finished, but some messages, folders, subscriptions or ACLs could not be copied (all listed). */
    public static final int FINISHED_WITH_ERRORS = 111;
    /** Copy finished without errors but --verify found differences. */
    public static final int VERIFY_DIFFERENCES = 112;
    public static final int LOGIN_SOURCE = 161;
    public static final int LOGIN_TARGET = 162;

    /** The short name of an exit code, used in reports. */
    public static String className(int code) {
        return switch (code) {
            case OK -> "ok";
            case USAGE -> "usage";
            case CONNECT_SOURCE -> "cannot-connect-source";
            case CONNECT_TARGET -> "cannot-connect-target";
            case FINISHED_WITH_ERRORS -> "finished-with-errors";
            case VERIFY_DIFFERENCES -> "verify-differences";
            case LOGIN_SOURCE -> "login-failed-source";
            case LOGIN_TARGET -> "login-failed-target";
            default -> "internal-error";
        };
    }
}
