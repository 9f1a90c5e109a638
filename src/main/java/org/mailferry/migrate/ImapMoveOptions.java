package org.mailferry.migrate;

import java.nio.file.Path;
import java.util.List;

/**
 * The frozen options of one MoveIMAPMail run (validated by {@link MoveIMAPMail} before this is built).
 * Names follow the seed's flags; the extras (journal, connections, verify, dryRun, report; TLS, login method and
 * back-off in {@link NetOptions}) are Mailferry's.
 */
public record ImapMoveOptions(
        HostPort oldServer, String oldName, String oldPassword,
        HostPort newServer, String newName, String newPassword,
        boolean verbose, String list, String source, String target, List<String> skipMailbox,
        boolean notimeout, boolean delete, boolean nosubscription, boolean subscribed, boolean fetchRFC822,
        boolean byOne, boolean noACL, boolean copyMailboxClass, int fixLongLines,
        Path journalDir, int connections, boolean verify, boolean dryRun, boolean keepUIDs, NetOptions net,
        HostPort sourcePop, boolean automap) {

    public int timeoutMillis() { return notimeout ? 3_600_000 : 20_000; }
}
