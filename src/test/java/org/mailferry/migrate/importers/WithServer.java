package org.mailferry.migrate.importers;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Base of the importer tests: one {@link ImportServer} per test class, in a temp folder that also holds the inputs. */
abstract class WithServer {
    @TempDir
    static Path dir;
    static ImportServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = new ImportServer(dir.resolve("base"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
