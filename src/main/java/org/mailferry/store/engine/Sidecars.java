package org.mailferry.store.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files the engine keeps beside a mailbox: metadata, index, journal and the mbox redo file.
 * For {@code X.mbox} they are {@code X.mbox.mfmeta}, {@code .mfidx}, {@code .mfjrn}, {@code .mfrw}; for a
 * MailDir they live in its {@code .mailferry} subfolder; for a Legacy INBOX they are {@code INBOX.legacy.*} in the account folder.
 */
public record Sidecars(Path meta, Path index, Path journal, Path redo) {
    public static Sidecars beside(Path base) {
        String n = base.getFileName().toString();
        return new Sidecars(base.resolveSibling(n + ".mfmeta"), base.resolveSibling(n + ".mfidx"),
                base.resolveSibling(n + ".mfjrn"), base.resolveSibling(n + ".mfrw"));
    }

    public static Sidecars inside(Path dir) {
        Path d = dir.resolve(".mailferry"); // a subfolder, so writing these does not touch the folder's stamp
        return new Sidecars(d.resolve("meta"), d.resolve("index"), d.resolve("journal"), d.resolve("redo"));
    }

    public void deleteAll() throws IOException {
        for (Path p : new Path[]{meta, index, journal, redo}) {
            Files.deleteIfExists(p);
            Files.deleteIfExists(p.resolveSibling(p.getFileName() + ".tmp"));
        }
    }

    /** Removes index and journal only (the derived and in-flight state), keeping metadata. */
    public void deleteDerived() throws IOException {
        Files.deleteIfExists(index);
        Files.deleteIfExists(journal);
        Files.deleteIfExists(redo);
    }
}
