package org.mailferry.migrate.importers;

/** Where an input entry came from: a file name as given and a 1-based line number (0: the file as a whole). */
public record Source(String file, int line) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
