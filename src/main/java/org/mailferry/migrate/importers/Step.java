package org.mailferry.migrate.importers;

/**
 * One CLI command of a planned entry and the command that undoes it (null: nothing to undo, e.g. the aliases of
 * an account the entry created, which go with the account). Commands may carry passwords: they go to the server
 * only, never into a report or a log.
 */
record Step(String command, String undo) {
    /** The command's keyword, for error messages. */
    String verb() {
        int sp = command.indexOf(' ');
        return sp < 0 ? command : command.substring(0, sp);
    }
}
