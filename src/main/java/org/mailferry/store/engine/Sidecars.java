package org.mailferry.store.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files the engine keeps beside a mailbox: metadata, index, journal, the mbox redo file and the POP3 UIDLs
 * kept from an old server. For {@code X.mbox} they are {@code X.mbox.mfmeta}, {@code .mfidx}, {@code .mfjrn},
 * {@code .mfrw}, {@code .mfuidl}; for a
 * MailDir they live in its {@code .mailferry} subfolder; for a Legacy INBOX they are {@code INBOX.legacy.*} in the account folder.
 */
public record Sidecars(Path meta, Path index, Path journal, Path redo, Path popUidls) {
    public static Sidecars beside(Path base) {
        String n = base.getFileName().toString();
        return new Sidecars(base.resolveSibling(n + ".mfmeta"), base.resolveSibling(n + ".mfidx"),
                base.resolveSibling(n + ".mfjrn"), base.resolveSibling(n + ".mfrw"), base.resolveSibling(n + ".mfuidl"));
    }

    public static Sidecars inside(Path dir) {
        Path d = dir.resolve(".mailferry"); // a subfolder, so writing these does not touch the folder's stamp
        return new Sidecars(d.resolve("meta"), d.resolve("index"), d.resolve("journal"), d.resolve("redo"),
                d.resolve("uidls"));
    }

    public void deleteAll() throws IOException {
        for (Path p : new Path[]{meta, index, journal, redo, popUidls}) {
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
