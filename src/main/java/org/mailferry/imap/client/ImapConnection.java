package org.mailferry.imap.client;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.mailferry.net.client.ClientSasl;
import org.mailferry.net.client.ClientTls;
import org.mailferry.net.client.TlsMode;

/**
 * A blocking IMAP4rev1 client connection (RFC 3501) with command pipelining.
 *
 * <p>{@link #submit} writes a command and returns its tag at once; {@link #await} reads responses until
 * that tag completes, giving untagged responses to a handler and literals to a {@link LiteralSink}.
 * Completions of other outstanding tags that arrive first are kept for their own {@code await}. Literal
 * arguments use LITERAL+ (RFC 7888) when the server offers it, otherwise the client waits for the
 * continuation request. Every read has the socket timeout given at connect time.
 *
 * <p>TLS: implicit (IMAPS) or STARTTLS as a {@link ClientTls} says. Login: LOGIN, or AUTHENTICATE PLAIN,
 * LOGIN or CRAM-MD5. Not thread-safe: one thread drives a connection. Never logs passwords.
 */
public final class ImapConnection implements AutoCloseable {
    /** Limit on the non-literal bytes of one response. */
    public static final int MAX_LINE = 4 * 1024 * 1024;
    /** Limit on literals read into memory when no sink is given (names, small strings). */
    public static final long MAX_MEMORY_LITERAL = 1024 * 1024;

    private Socket socket;
    private OutputStream out;
    private ImapResponseParser parser;
    private final Map<String, ImapCompletion> done = new HashMap<>();
    private final Set<String> capabilities = new HashSet<>();
    private int nextTag = 1;
    private final String tagPrefix;

    private ImapConnection(Socket socket, String tagPrefix) throws IOException {
        this.tagPrefix = tagPrefix;
        use(socket);
    }

    private void use(Socket s) throws IOException {
        this.socket = s;
        this.out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
        this.parser = new ImapResponseParser(s.getInputStream(), MAX_LINE, MAX_MEMORY_LITERAL);
    }

    /** Connects without TLS and reads the greeting; fails with {@link IOException} on a BYE greeting. */
    public static ImapConnection connect(String host, int port, int timeoutMillis) throws IOException {
        return connect(host, port, timeoutMillis, ClientTls.NONE);
    }

    /**
     * Connects and reads the greeting, with TLS as {@code tls} says: implicit TLS (IMAPS, port 993 in auto
     * mode), or STARTTLS (RFC 3501 §6.2.1) when required or, in auto mode, when the server offers it. After
     * STARTTLS the plaintext capabilities are forgotten and asked again. Fails with {@link IOException} on a
     * BYE greeting, a failed handshake, or STARTTLS required but not offered.
     */
    public static ImapConnection connect(String host, int port, int timeoutMillis, ClientTls tls) throws IOException {
        Socket s = tls.open(host, port, timeoutMillis, 993);
        try {
            ImapConnection c = new ImapConnection(s, "m");
            ImapResponse greeting = c.parser.read(null);
            if (!greeting.isUntagged() || !(greeting.kind().equals("OK") || greeting.kind().equals("PREAUTH"))) {
                throw new IOException("unexpected IMAP greeting: " + greeting.summary());
            }
            if ("CAPABILITY".equalsIgnoreCase(greeting.codeName())) c.setCapabilities(greeting.code());
            TlsMode mode = tls.modeFor(port, 993);
            if (mode == TlsMode.STARTTLS || mode == TlsMode.AUTO) {
                if (c.capabilities.isEmpty() && greeting.kind().equals("OK")) c.refreshCapabilities();
                if (greeting.kind().equals("OK") && c.has("STARTTLS")) {
                    c.startTls(tls, host, port);
                } else if (mode == TlsMode.STARTTLS) {
                    throw new IOException("the IMAP server at " + host + ":" + port + " offers no STARTTLS");
                }
            }
            return c;
        } catch (ImapCommandException e) {
            s.close();
            throw new IOException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** STARTTLS: the handshake, then a fresh reader (buffered plaintext is dropped) and fresh capabilities. */
    private void startTls(ClientTls tls, String host, int port) throws IOException, ImapCommandException {
        run("STARTTLS", r -> { });
        use(tls.wrap(socket, host, port));
        capabilities.clear();
        refreshCapabilities();
    }

    /** True when the connection is encrypted (implicit TLS or STARTTLS). */
    public boolean secure() { return socket instanceof javax.net.ssl.SSLSocket; }

    /** The TLS protocol and cipher suite, or "no TLS" (for --verbose). */
    public String tlsDescription() { return ClientTls.describe(socket); }

    /** Why the server's certificate did not verify (auto mode goes on encrypted but unauthenticated), or null. */
    public String certificateProblem() { return ClientTls.unverified(socket); }

    public boolean has(String capability) { return capabilities.contains(capability.toUpperCase(Locale.ROOT)); }

    public Set<String> capabilities() { return Set.copyOf(capabilities); }

    /** Asks for CAPABILITY (RFC 3501 §6.1.1) and remembers the answer. */
    public void refreshCapabilities() throws IOException, ImapCommandException {
        List<ImapValue> caps = new ArrayList<>();
        run("CAPABILITY", r -> {
            if (r.kind().equals("CAPABILITY")) caps.addAll(r.values());
        });
        capabilities.clear();
        for (ImapValue v : caps) {
            String t = ImapValue.text(v);
            if (t != null) capabilities.add(t.toUpperCase(Locale.ROOT));
        }
    }

    private void setCapabilities(String code) {
        capabilities.clear();
        for (String w : code.split(" ")) {
            if (!w.isEmpty() && !w.equalsIgnoreCase("CAPABILITY")) capabilities.add(w.toUpperCase(Locale.ROOT));
        }
    }

    /** {@link #login(String, String, String)} choosing the method automatically. */
    public String login(String user, String password) throws IOException, ImapCommandException {
        return login(user, password, "AUTO");
    }

    /**
     * Logs in and refreshes the capabilities; returns how ("LOGIN" or "AUTHENTICATE mech"). {@code mechanism}
     * "AUTO": the LOGIN command, or when the server says LOGINDISABLED the first of ClientSasl.SUPPORTED it
     * offers (RFC 3501 §6.2.2, RFC 4616, RFC 2195); a mechanism name forces AUTHENTICATE with it. Passwords and
     * AUTHENTICATE payloads never appear in exceptions.
     */
    public String login(String user, String password, String mechanism) throws IOException, ImapCommandException {
        if (capabilities.isEmpty()) refreshCapabilities();
        String mech = mechanism == null ? "AUTO" : mechanism.toUpperCase(Locale.ROOT);
        if (mech.equals("AUTO") && has("LOGINDISABLED")) {
            Set<String> offered = new HashSet<>();
            for (String c : capabilities) if (c.startsWith("AUTH=")) offered.add(c.substring(5));
            mech = ClientSasl.firstOffered(offered);
            if (mech == null) {
                throw new ImapCommandException("LOGIN", new ImapCompletion("", "NO", null, "the server disables LOGIN"
                        + " (LOGINDISABLED) and offers none of " + String.join(", ", ClientSasl.SUPPORTED) + (secure() ? "" : "; it may need TLS")));
            }
        }
        ImapCompletion c;
        String how;
        if (mech.equals("AUTO")) {
            how = "LOGIN";
            c = await(submit(List.of(Arg.atom("LOGIN"), Arg.string(user), Arg.string(password))), null, x -> { });
        } else {
            how = "AUTHENTICATE " + mech;
            c = authenticate(mech, user, password);
        }
        if (!c.ok()) throw new ImapCommandException(how + " " + user, c);
        if ("CAPABILITY".equals(c.codeName())) setCapabilities(c.code());
        else refreshCapabilities();
        return how;
    }

    /** AUTHENTICATE (RFC 3501 §6.2.2): answers each continuation of the mechanism; "*" cancels a surplus one. */
    private ImapCompletion authenticate(String mech, String user, String password) throws IOException {
        ClientSasl.Exchange x = ClientSasl.start(mech, user, password);
        String tag = newTag();
        write(tag + " AUTHENTICATE " + mech + "\r\n");
        flush();
        while (true) {
            ImapResponse r = parser.read(null);
            if (!r.isContinuation()) {
                dispatch(r, y -> { });
                ImapCompletion c = done.remove(tag);
                if (c == null) continue;
                if (c.ok() && !x.complete()) {
                    throw new IOException("AUTHENTICATE " + mech + ": the server said OK before proving it knows the password's keys");
                }
                return c;
            }
            String answer;
            try {
                answer = x.next(r.text() == null ? "" : r.text());
            } catch (IllegalArgumentException e) {
                write("*\r\n"); // cancel (RFC 3501 §6.2.2); the server answers BAD
                flush();
                throw new IOException("AUTHENTICATE " + mech + ": " + e.getMessage());
            }
            write(answer + "\r\n");
            flush();
        }
    }

    /** Runs a command made only of atoms/strings without literal sinks and fails on NO/BAD. */
    public ImapCompletion run(String command, Consumer<ImapResponse> untagged) throws IOException, ImapCommandException {
        ImapCompletion c = await(submitRaw(command), null, untagged);
        if (!c.ok()) throw new ImapCommandException(command.length() > 200 ? command.substring(0, 200) + "…" : command, c);
        return c;
    }

    /** Like {@link #run(String, Consumer)} with arguments quoted as needed. */
    public ImapCompletion run(List<Arg> args, Consumer<ImapResponse> untagged) throws IOException, ImapCommandException {
        ImapCompletion c = await(submit(args), null, untagged);
        if (!c.ok()) throw new ImapCommandException(describe(args), c);
        return c;
    }

    /** Sends a command line verbatim (the caller quoted everything) and returns its tag. */
    public String submitRaw(String command) throws IOException {
        String tag = newTag();
        write(tag + " " + command + "\r\n");
        flush();
        return tag;
    }

    /** Sends a command whose arguments may need quoting or literals; returns its tag. */
    public String submit(List<Arg> args) throws IOException {
        String tag = newTag();
        write(tag);
        for (Arg a : args) {
            out.write(' ');
            writeArg(tag, a);
        }
        write("\r\n");
        flush();
        return tag;
    }

    /**
     * APPEND (RFC 3501 §6.3.11) of {@code size} bytes read from {@code content}. With LITERAL+ it returns
     * without waiting; otherwise it waits for the continuation (a NO instead of it completes the tag).
     */
    public String append(String mailbox, List<String> flags, String internalDate, long size, InputStream content)
            throws IOException {
        return append(mailbox, flags, internalDate, 0, size, content);
    }

    /** APPEND with Mailferry's {@code X-UID uid} append-ext (capability X-MAILFERRY-UIDS) when uid > 0. */
    public String append(String mailbox, List<String> flags, String internalDate, long uid, long size, InputStream content)
            throws IOException {
        return append(mailbox, flags, internalDate, uid, null, size, content);
    }

    /**
     * APPEND with Mailferry's append-exts (capability X-MAILFERRY-UIDS): {@code X-UID uid} when uid > 0, and
     * {@code X-UIDL popUidl}, the message's POP3 UIDL on the old server, when not null.
     */
    public String append(String mailbox, List<String> flags, String internalDate, long uid, String popUidl, long size,
                         InputStream content) throws IOException {
        String tag = newTag();
        StringBuilder sb = new StringBuilder(tag).append(" APPEND ").append(ImapQuote.astring(mailbox));
        if (flags != null && !flags.isEmpty()) sb.append(" (").append(String.join(" ", flags)).append(')');
        if (internalDate != null) sb.append(" \"").append(internalDate).append('"');
        if (uid > 0) sb.append(" X-UID ").append(uid);
        if (popUidl != null) sb.append(" X-UIDL ").append(ImapQuote.astring(popUidl));
        boolean plus = has("LITERAL+");
        sb.append(" {").append(size).append(plus ? "+}\r\n" : "}\r\n");
        write(sb.toString());
        if (!plus) {
            flush();
            if (!awaitContinuation(tag)) return tag;
        }
        long copied = content.transferTo(out);
        if (copied != size) throw new IOException("APPEND content was " + copied + " bytes, announced " + size);
        write("\r\n");
        return tag;
    }

    /** The content of one message to APPEND, opened when it is sent. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /**
     * One message of a MULTIAPPEND; {@code uid} > 0 adds Mailferry's {@code X-UID} append-ext, a non-null
     * {@code popUidl} its {@code X-UIDL}.
     */
    public record AppendPart(List<String> flags, String internalDate, long uid, String popUidl, long size, Content content) {
        public AppendPart(List<String> flags, String internalDate, long uid, long size, Content content) {
            this(flags, internalDate, uid, null, size, content);
        }
    }

    /**
     * MULTIAPPEND (RFC 3502): all {@code parts} in one APPEND command, which the server stores all or none
     * of. With LITERAL+ nothing is awaited; otherwise each literal waits for its continuation, and a
     * completion instead of one ends the command early (the tag then completes with the server's NO/BAD).
     */
    public String multiAppend(String mailbox, List<AppendPart> parts) throws IOException {
        if (parts.isEmpty()) throw new IllegalArgumentException("MULTIAPPEND of no message");
        String tag = newTag();
        boolean plus = has("LITERAL+");
        StringBuilder sb = new StringBuilder(tag).append(" APPEND ").append(ImapQuote.astring(mailbox));
        for (AppendPart m : parts) {
            if (m.flags() != null && !m.flags().isEmpty()) sb.append(" (").append(String.join(" ", m.flags())).append(')');
            if (m.internalDate() != null) sb.append(" \"").append(m.internalDate()).append('"');
            if (m.uid() > 0) sb.append(" X-UID ").append(m.uid());
            if (m.popUidl() != null) sb.append(" X-UIDL ").append(ImapQuote.astring(m.popUidl()));
            sb.append(" {").append(m.size()).append(plus ? "+}\r\n" : "}\r\n");
            write(sb.toString());
            sb.setLength(0);
            if (!plus) {
                flush();
                if (!awaitContinuation(tag)) return tag;
            }
            try (InputStream in = m.content().open()) {
                long copied = in.transferTo(out);
                if (copied != m.size()) throw new IOException("APPEND content was " + copied + " bytes, announced " + m.size());
            }
        }
        write("\r\n");
        return tag;
    }

    public void flush() throws IOException { out.flush(); }

    /** Reads until {@code tag} completes; untagged responses go to {@code untagged}, literals to {@code sink}. */
    public ImapCompletion await(String tag, LiteralSink sink, Consumer<ImapResponse> untagged) throws IOException {
        flush();
        while (true) {
            ImapCompletion c = done.remove(tag);
            if (c != null) return c;
            ImapResponse r = parser.read(sink);
            dispatch(r, untagged);
        }
    }

    private boolean awaitContinuation(String tag) throws IOException {
        while (true) {
            if (done.containsKey(tag)) return false;
            ImapResponse r = parser.read(null);
            if (r.isContinuation()) return true;
            dispatch(r, x -> { });
        }
    }

    private void dispatch(ImapResponse r, Consumer<ImapResponse> untagged) throws IOException {
        if (r.isUntagged()) {
            if (r.kind().equals("BYE")) {
                throw new IOException("server closed the session: " + r.summary());
            }
            if (r.kind().equals("OK") && "CAPABILITY".equals(r.codeName())) setCapabilities(r.code());
            untagged.accept(r);
        } else if (r.isContinuation()) {
            throw new ImapProtocolException("unexpected continuation request: " + r.text());
        } else {
            done.put(r.tag(), new ImapCompletion(r.tag(), r.kind(), r.code(), r.text()));
        }
    }

    private void writeArg(String tag, Arg a) throws IOException {
        switch (a) {
            case Arg.Raw raw -> write(raw.text());
            case Arg.Text t -> {
                String q = ImapQuote.quotedOrNull(t.text());
                if (q != null) {
                    write(q);
                } else {
                    byte[] b = t.text().getBytes(StandardCharsets.UTF_8);
                    boolean plus = has("LITERAL+");
                    write("{" + b.length + (plus ? "+}\r\n" : "}\r\n"));
                    if (!plus) {
                        flush();
                        if (!awaitContinuation(tag)) return;
                    }
                    out.write(b);
                }
            }
        }
    }

    /** The command for error messages: verbatim parts and strings, except LOGIN's arguments. */
    private static String describe(List<Arg> args) {
        if (!args.isEmpty() && args.get(0) instanceof Arg.Raw r && r.text().equalsIgnoreCase("LOGIN")) return "LOGIN";
        StringBuilder sb = new StringBuilder();
        for (Arg a : args) {
            if (!sb.isEmpty()) sb.append(' ');
            switch (a) {
                case Arg.Raw raw -> sb.append(raw.text());
                case Arg.Text t -> sb.append('"').append(t.text()).append('"');
            }
        }
        return sb.toString();
    }

    private String newTag() { return tagPrefix + (nextTag++); }

    private void write(String s) throws IOException { out.write(s.getBytes(StandardCharsets.UTF_8)); }

    /** Sends LOGOUT and closes; never throws. */
    public void logout() {
        try {
            String t = submitRaw("LOGOUT");
            await(t, null, r -> { });
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** One command argument: verbatim text, or a string quoted or sent as a literal as needed. */
    public sealed interface Arg {
        record Raw(String text) implements Arg { }

        record Text(String text) implements Arg { }

        static Arg atom(String s) { return new Raw(s); }

        static Arg string(String s) { return new Text(s); }
    }
}
