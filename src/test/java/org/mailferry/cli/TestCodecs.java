package org.mailferry.cli;

import org.mailferry.directory.PasswordCodec;

/** The password codec tests use: the real one, backed by the auth module's scheme registry. */
final class TestCodecs {
    private TestCodecs() {
    }

    static PasswordCodec codec() {
        return org.mailferry.directory.StandardPasswordCodec.INSTANCE;
    }
}
