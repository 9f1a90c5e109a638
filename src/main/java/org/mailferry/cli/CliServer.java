package org.mailferry.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.mailferry.data.DataFormat;
import org.mailferry.data.DataFormatException;
import org.mailferry.directory.Account;
import org.mailferry.directory.AccountSettings;
import org.mailferry.directory.Directory;
import org.mailferry.directory.DirectoryException;
import org.mailferry.net.Listener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PWD/CLI server (TCP port 106): one session per connection.
 *
 * <pre>
 * S: 200 Mailferry PWD server ready &lt;token@domain&gt;
 * C: USER postmaster           S: 300 please send the PASS
 * C: PASS secret               S: 200 login OK
 * C: INLINE                    S: 200 OK
 * C: LISTDOMAINS               S: 201 (example.com,client1.com)      (without INLINE: 200 data follow / data)
 * C: CreateAccount "user1"     S: 200 OK
 * C: CreateAccount "user1"     S: 501 a account named user1 already exists in example.com
 * C: QUIT                      S: 200 Mailferry PWD connection closed
 * </pre>
 *
 * Login: USER/PASS, APOP (with the greeting's token; needs a clear password), AUTH PLAIN with the
 * response on the line, AUTH WEBUSER name password (as CGP's CLI.pm sends). Failed logins are delayed and
 * never say whether the account exists. Lines end with LF or CRLF; a line longer than the limit is refused
 * and the connection closed. Passwords and AUTH payloads are never logged.
 */
public final class CliServer implements Listener.Handler {
    private static final Logger log = LoggerFactory.getLogger(CliServer.class);
    static final int MAX_LOGIN_LINE = 4096;
    static final int MAX_LINE = 4 * 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Directory directory;
    private final long failureDelayMillis;

    public CliServer(Directory directory, long failureDelayMillis) {
        this.directory = directory;
        this.failureDelayMillis = failureDelayMillis;
    }

    @Override
    public void serve(Socket socket) throws IOException {
        new Session(socket.getInputStream(), socket.getOutputStream(),
                socket.getInetAddress().getHostAddress()).run();
    }

    /** Whether an account may use every command (the main domain's postmaster, or the Master right). */
    public static boolean isAdministrator(Account a) {
        return (a.domain().isMain() && a.name().equals("postmaster")) || a.rights().contains("Master");
    }

    private final class Session {
        private final InputStream in;
        private final OutputStream out;
        private final String peer;
        private final String token;
        private String pendingUser;
        private Account user;
        private boolean inline;

        Session(InputStream in, OutputStream out, String peer) {
            this.in = new BufferedInputStream(in);
            this.out = out;
            this.peer = peer;
            this.token = "<" + Long.toUnsignedString(RANDOM.nextLong(), 36) + "." + System.currentTimeMillis()
                    + "@" + directory.mainDomain().name() + ">";
        }

        void run() throws IOException {
            reply("200 Mailferry PWD server ready " + token);
            while (true) {
                String line;
                try {
                    line = readLine(user == null ? MAX_LOGIN_LINE : MAX_LINE);
                } catch (LineTooLong e) {
                    reply("501 the line is longer than " + e.limit + " bytes; closing");
                    return;
                } catch (EOFException e) {
                    return;
                }
                if (line.isBlank()) {
                    continue;
                }
                int sp = firstSpace(line);
                String verb = line.substring(0, sp).toUpperCase(Locale.ROOT);
                String rest = sp < line.length() ? line.substring(sp + 1) : "";
                if (verb.equals("QUIT")) {
                    reply("200 Mailferry PWD connection closed");
                    return;
                }
                if (user == null) {
                    login(verb, rest);
                } else {
                    command(verb, rest, sp + 1);
                }
            }
        }

        private void login(String verb, String rest) throws IOException {
            switch (verb) {
                case "USER" -> {
                    pendingUser = rest.strip();
                    reply(pendingUser.isEmpty() ? "501 USER needs a name" : "300 please send the PASS");
                }
                case "PASS" -> {
                    if (pendingUser == null) {
                        reply("501 send USER first");
                    } else {
                        finishLogin(pendingUser, account -> account.verifyPassword(rest));
                    }
                }
                case "APOP" -> {
                    String[] w = rest.strip().split("\\s+");
                    if (w.length != 2) {
                        reply("501 APOP needs a name and a digest");
                    } else {
                        finishLogin(w[0], account -> apopMatches(account, w[1]));
                    }
                }
                case "AUTH" -> auth(rest.strip());
                default -> reply("501 please log in first (USER/PASS, APOP or AUTH PLAIN)");
            }
        }

        private void auth(String rest) throws IOException {
            String[] w = rest.split("\\s+", 3);
            String mech = w[0].toUpperCase(Locale.ROOT);
            if (mech.equals("WEBUSER") && w.length == 3) {
                finishLogin(w[1], account -> account.verifyPassword(w[2]));
            } else if (mech.equals("PLAIN") && w.length == 2) {
                byte[] raw;
                try {
                    raw = Base64.getDecoder().decode(w[1]);
                } catch (IllegalArgumentException e) {
                    reply("501 the AUTH PLAIN response is not base64");
                    return;
                }
                String[] parts = new String(raw, StandardCharsets.UTF_8).split("\u0000", -1);
                if (parts.length != 3) {
                    reply("501 the AUTH PLAIN response must be authzid NUL authcid NUL password");
                    return;
                }
                if (!parts[0].isEmpty() && !parts[0].equalsIgnoreCase(parts[1])) {
                    reply("501 authorization as another user is not supported");
                    return;
                }
                finishLogin(parts[1], account -> account.verifyPassword(parts[2]));
            } else {
                reply("501 supported: AUTH PLAIN <base64 response>, AUTH WEBUSER <name> <password>");
            }
        }

        private boolean apopMatches(Account account, String digest) {
            Object stored = account.effectiveSettings().get(AccountSettings.PASSWORD);
            if (!(stored instanceof String s) || s.isEmpty()) {
                return false;
            }
            Optional<String> clear = directory.passwords().clearText(s);
            if (clear.isEmpty()) {
                return false;
            }
            byte[] want = HexFormat.of().formatHex(md5(token + clear.get())).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(want, digest.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        }

        private void finishLogin(String login, java.util.function.Predicate<Account> check) throws IOException {
            pendingUser = null;
            Optional<Account> account;
            try {
                account = directory.findAccount(login.strip());
            } catch (DirectoryException e) {
                account = Optional.empty();
            }
            if (account.isPresent() && check.test(account.get())
                    && AccountSettings.yes(account.get().effectiveSettings(), "PWDAllowed")) {
                user = account.get();
                log.info("cli: {} logged in from {}", user.address(), peer);
                reply("200 login OK, proceed");
                return;
            }
            log.info("cli: failed login from {}", peer);
            try {
                Thread.sleep(failureDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply("500 incorrect user name or password");
        }

        private void command(String verb, String rest, int offset) throws IOException {
            if (verb.equals("INLINE")) {
                inline = true;
                reply("200 OK");
                return;
            }
            if (verb.equals("NEWPASS")) {
                command("SETACCOUNTPASSWORD", "* PASSWORD " + rest, offset - 11);
                return;
            }
            Command cmd = CliCommands.find(verb);
            if (cmd == null) {
                reply("500 unknown command " + printable(verb));
                return;
            }
            boolean admin = isAdministrator(user);
            if (cmd.access() == Command.Access.ADMIN && !admin) {
                reply("501 " + cmd.name() + ": you are not allowed to do this");
                return;
            }
            Object result;
            try {
                result = cmd.handler().run(new CliContext(directory, user, admin), new Args(cmd.name(), rest, offset));
            } catch (CliException | DirectoryException e) {
                reply("501 " + oneLine(e.getMessage()));
                return;
            } catch (DataFormatException e) {
                reply("501 " + cmd.name() + ": bad parameters at position " + (offset + e.position()) + ": " + oneLine(e.detail()));
                return;
            } catch (UncheckedIOException | IllegalStateException e) {
                log.error("cli: {} by {} failed", cmd.name(), user.address(), e);
                reply("501 " + cmd.name() + ": the server could not complete the command (see the server log)");
                return;
            }
            log.debug("cli: {} by {}", cmd.name(), user.address());
            if (result == null) {
                reply("200 OK");
            } else if (inline) {
                reply("201 " + DataFormat.print(result));
            } else {
                reply("200 data follow\r\n" + DataFormat.print(result));
            }
        }

        private String readLine(int limit) throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (buf.size() == 0) {
                        throw new EOFException();
                    }
                    break;
                }
                if (b == '\n') {
                    break;
                }
                if (buf.size() >= limit) {
                    throw new LineTooLong(limit);
                }
                buf.write(b);
            }
            String s = buf.toString(StandardCharsets.UTF_8);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        private void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static int firstSpace(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ' ' || line.charAt(i) == '\t') {
                return i;
            }
        }
        return line.length();
    }

    private static String oneLine(String s) {
        return s == null ? "error" : s.replace('\r', ' ').replace('\n', ' ');
    }

    private static String printable(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) : s;
        return t.replaceAll("[^\\x20-\\x7e]", "?");
    }

    static byte[] md5(String s) {
        try {
            return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class LineTooLong extends IOException {
        final int limit;

        LineTooLong(int limit) {
            super("line too long");
            this.limit = limit;
        }
    }
}
