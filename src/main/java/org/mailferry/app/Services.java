package org.mailferry.app;

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Map;
import org.mailferry.cli.CliServer;
import org.mailferry.directory.AccountSettings;
import org.mailferry.directory.Directory;
import org.mailferry.directory.Domain;
import org.mailferry.directory.PasswordCodec;
import org.mailferry.directory.StandardPasswordCodec;
import org.mailferry.net.Listener;

/**
 * Wires the server's parts by hand: the directory, the store, and one connection handler per listener
 * name. A listener whose protocol is not built yet has no handler and is not started.
 */
final class Services implements AutoCloseable {
    /** Delay before answering a failed login, so guessing is slow. */
    static final long LOGIN_FAILURE_DELAY_MILLIS = 1000;

    private final ServerOptions options;
    private final Directory directory;
    private org.mailferry.protocols.ProtocolServices protocols;

    private Services(ServerOptions options, Directory directory) {
        this.options = options;
        this.directory = directory;
    }

    static Services open(ServerOptions options, PrintStream out) throws IOException {
        Directory directory = Directory.open(options.base(), options.mainDomain(), passwordCodec());
        directory.setSystemPasswords(org.mailferry.auth.SystemPasswords.system()::verify);
        try {
            ensurePostmaster(directory, options.postmasterPassword(), out);
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
        return new Services(options, directory);
    }

    static PasswordCodec passwordCodec() {
        return StandardPasswordCodec.INSTANCE;
    }

    /** Creates the main domain's postmaster when it is missing (first start), printing a generated password once. */
    private static void ensurePostmaster(Directory directory, String password, PrintStream out) {
        Domain main = directory.mainDomain();
        if (main.findAccount("postmaster").isPresent()) {
            return;
        }
        String pw = password;
        if (pw == null) {
            pw = generatePassword();
            out.println("postmaster password: " + pw + "   (shown once; change it with SETACCOUNTPASSWORD)");
        }
        main.createAccount("postmaster", null, false, Map.of(AccountSettings.PASSWORD, pw,
                AccountSettings.REAL_NAME, "Postmaster"));
    }

    private static String generatePassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    Directory directory() {
        return directory;
    }

    /** The handler serving connections of the named listener, or null when that protocol is not built. */
    Listener.Handler handler(String listener) {
        return switch (listener) {
            case "cli" -> new CliServer(directory, LOGIN_FAILURE_DELAY_MILLIS);
            default -> protocols().handler(listener);
        };
    }

    /** The mail protocols (IMAP, POP3, SMTP), built on first use. */
    private org.mailferry.protocols.ProtocolServices protocols() {
        if (protocols == null) {
            try {
                protocols = org.mailferry.protocols.ProtocolServices.open(options.base(), directory,
                        directory.mainDomain().name(), options.relayHost());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return protocols;
    }

    Listener.Limits limits(String listener) {
        return Listener.Limits.DEFAULT;
    }

    @Override
    public void close() {
        if (protocols != null) {
            protocols.close();
        }
        directory.close();
    }
}
