package org.mailferry.pop3.proto;

/**
 * The POP3 commands (RFC 1939; CAPA RFC 2449; STLS RFC 2595; AUTH RFC 5034), as parsed by {@link Pop3Parser}.
 * Message numbers are as sent (1-based); {@code -1} means "not given" for LIST and UIDL.
 */
public sealed interface Pop3Command {
    record User(String name) implements Pop3Command {
    }

    record Pass(String password) implements Pop3Command {
        @Override
        public String toString() {
            return "Pass[***]";
        }
    }

    record Apop(String name, String digest) implements Pop3Command {
    }

    /** AUTH; without a mechanism it asks for the list (RFC 5034 §4 allows this, as does common practice). */
    record Auth(String mechanism, String initialResponse) implements Pop3Command {
        @Override
        public String toString() {
            return "Auth[" + mechanism + (initialResponse != null ? " ***" : "") + "]";
        }
    }

    record Capa() implements Pop3Command {
    }

    record Stls() implements Pop3Command {
    }

    record Stat() implements Pop3Command {
    }

    record ListMessages(long message) implements Pop3Command {
    }

    record Retr(long message) implements Pop3Command {
    }

    record Dele(long message) implements Pop3Command {
    }

    record Rset() implements Pop3Command {
    }

    record Top(long message, long lines) implements Pop3Command {
    }

    record Uidl(long message) implements Pop3Command {
    }

    record Noop() implements Pop3Command {
    }

    record Quit() implements Pop3Command {
    }
}
