package org.mailferry.cli;

import org.mailferry.directory.PasswordCodec;

/** The password codec tests use: the real one of the auth module when present, else clear text only. */
final class TestCodecs {
    private TestCodecs() {
    }

    static PasswordCodec codec() {
        return PasswordCodec.CLEAR_ONLY;
    }
}
