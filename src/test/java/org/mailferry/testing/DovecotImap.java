package org.mailferry.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately small IMAP client for tests, independent of {@code org.mailferry.imap.client}: it fills a
 * Dovecot (CREATE, pipelined APPEND with LITERAL+) and reads one back for comparison (LIST, SELECT,
 * FETCH of UID, FLAGS, INTERNALDATE and the body hash). It parses only what Dovecot 2.3 sends. Folder
 * names are given decoded; this class encodes them to modified UTF-7 with its own code.
 */
public final class DovecotImap implements AutoCloseable {
    /** One message as read back: its content hash, size, flags (sorted, without \Recent) and INTERNALDATE. */
    public record Msg(long uid, String sha256, long size, Set<String> flags, String internalDate) { }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tag;

    public DovecotImap(String host, int port, String user, String password) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(60_000);
        in = new BufferedInputStream(socket.getInputStream(), 65536);
        out = new BufferedOutputStream(socket.getOutputStream(), 65536);
        line(); // greeting
        command("LOGIN " + q(user) + " " + q(password));
    }

    /** Runs a command; returns the untagged lines (literal bytes inline) and fails on NO/BAD. */
    public List<byte[]> command(String cmd) throws IOException {
        String t = "t" + (++tag);
        out.write((t + " " + cmd + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return until(t, cmd);
    }

    private List<byte[]> until(String t, String what) throws IOException {
        List<byte[]> untagged = new ArrayList<>();
        while (true) {
            byte[] l = response();
            String s = new String(l, 0, Math.min(l.length, 200), StandardCharsets.ISO_8859_1);
            if (s.startsWith(t + " ")) {
                if (!s.startsWith(t + " OK")) throw new IOException(what.split(" ")[0] + ": " + s);
                return untagged;
            }
            untagged.add(l);
        }
    }

    /** A full response: a line plus any literals it announces, all concatenated. */
    private byte[] response() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            String l = line();
            all.writeBytes(l.getBytes(StandardCharsets.ISO_8859_1));
            all.write('\n');
            Matcher m = Pattern.compile("\\{(\\d+)\\}$").matcher(l);
            if (!m.find()) return all.toByteArray();
            all.writeBytes(in.readNBytes(Integer.parseInt(m.group(1))));
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) throw new IOException("connection closed");
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    public void create(String decodedName) throws IOException {
        command("CREATE " + q(mutf7(decodedName)));
    }

    /** Appends many messages pipelined (LITERAL+), then waits for all completions. */
    public void appendAll(String decodedName, List<DovecotCorpus.Message> msgs) throws IOException {
        String box = q(mutf7(decodedName));
        List<String> tags = new ArrayList<>();
        for (DovecotCorpus.Message m : msgs) {
            String t = "t" + (++tag);
            tags.add(t);
            String flags = String.join(" ", m.flags());
            out.write((t + " APPEND " + box + " (" + flags + ") \"" + m.internalDate() + "\" {" + m.bytes().length + "+}\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(m.bytes());
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
        for (String t : tags) until(t, "APPEND");
    }

    /** Decoded names of every selectable mailbox (raw LIST "" "*", names decoded by this class). */
    public List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        Pattern p = Pattern.compile("^\\* LIST \\(([^)]*)\\) (?:\"(?:[^\"\\\\]|\\\\.)*\"|NIL) (.*)$");
        for (byte[] r : command("LIST \"\" \"*\"")) {
            String s = new String(r, StandardCharsets.ISO_8859_1).trim();
            Matcher m = p.matcher(s);
            if (!m.find() || m.group(1).contains("\\Noselect") || m.group(1).contains("\\NonExistent")) continue;
            String n = m.group(2);
            if (n.startsWith("\"")) n = n.substring(1, n.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            else if (n.startsWith("{")) n = n.substring(n.indexOf('\n') + 1);
            names.add(unmutf7(n));
        }
        return names;
    }

    /** Names from LSUB, decoded. */
    public List<String> subscriptions() throws IOException {
        List<String> names = new ArrayList<>();
        for (byte[] r : command("LSUB \"\" \"*\"")) {
            String s = new String(r, StandardCharsets.ISO_8859_1).trim();
            int q = s.lastIndexOf(' ');
            String n = s.endsWith("\"") ? s.substring(s.lastIndexOf('"', s.length() - 2) + 1, s.length() - 1) : s.substring(q + 1);
            names.add(unmutf7(n));
        }
        return names;
    }

    /** Every message of a mailbox, in UID order. */
    public List<Msg> messages(String decodedName) throws IOException {
        command("EXAMINE " + q(mutf7(decodedName)));
        List<Msg> out = new ArrayList<>();
        Pattern uid = Pattern.compile("UID (\\d+)"), flags = Pattern.compile("FLAGS \\(([^)]*)\\)"),
                date = Pattern.compile("INTERNALDATE \"([^\"]+)\""), body = Pattern.compile("BODY\\[\\] \\{(\\d+)\\}\n");
        for (byte[] r : command("UID FETCH 1:* (UID FLAGS INTERNALDATE BODY.PEEK[])")) {
            String s = new String(r, StandardCharsets.ISO_8859_1);
            if (!s.startsWith("* ") || !s.contains(" FETCH ")) continue;
            Matcher mb = body.matcher(s);
            if (!mb.find()) throw new IOException("no body in FETCH: " + s.substring(0, Math.min(200, s.length())));
            int len = Integer.parseInt(mb.group(1));
            byte[] content = java.util.Arrays.copyOfRange(r, mb.end(), mb.end() + len);
            String meta = s.substring(0, mb.start()) + s.substring(mb.end() + len);
            Matcher mu = uid.matcher(meta), mf = flags.matcher(meta), md = date.matcher(meta);
            if (!mu.find() || !mf.find() || !md.find()) throw new IOException("FETCH lacks items: " + meta);
            Set<String> fl = new TreeSet<>();
            for (String f : mf.group(1).split(" ")) if (!f.isEmpty() && !f.equalsIgnoreCase("\\Recent")) fl.add(f);
            out.add(new Msg(Long.parseLong(mu.group(1)), sha256(content), len, fl, md.group(1)));
        }
        return out;
    }

    /** The raw bodies of a mailbox, in UID order. */
    public List<byte[]> bodies(String decodedName) throws IOException {
        command("EXAMINE " + q(mutf7(decodedName)));
        List<byte[]> out = new ArrayList<>();
        Pattern body = Pattern.compile("BODY\\[\\] \\{(\\d+)\\}\n");
        for (byte[] r : command("UID FETCH 1:* (BODY.PEEK[])")) {
            String s = new String(r, StandardCharsets.ISO_8859_1);
            Matcher mb = body.matcher(s);
            if (s.startsWith("* ") && mb.find()) {
                out.add(java.util.Arrays.copyOfRange(r, mb.end(), mb.end() + Integer.parseInt(mb.group(1))));
            }
        }
        return out;
    }

    /** GETACL as "identifier rights" strings. */
    public List<String> acl(String decodedName) throws IOException {
        List<String> out = new ArrayList<>();
        for (byte[] r : command("GETACL " + q(mutf7(decodedName)))) {
            String s = new String(r, StandardCharsets.ISO_8859_1).trim();
            if (s.startsWith("* ACL ")) out.add(s.substring(6));
        }
        return out;
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String q(String s) { return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""; }

    /** Modified UTF-7 (RFC 3501 §5.1.3), written here independently of the product's codec. */
    public static String mutf7(String s) {
        StringBuilder sb = new StringBuilder();
        StringBuilder pending = new StringBuilder();
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : 0;
            boolean plain = i < s.length() && c >= 0x20 && c < 0x7f;
            if ((plain || i == s.length()) && !pending.isEmpty()) {
                String b = java.util.Base64.getEncoder().encodeToString(pending.toString().getBytes(StandardCharsets.UTF_16BE));
                sb.append('&').append(b.replace("=", "").replace('/', ',')).append('-');
                pending.setLength(0);
            }
            if (i == s.length()) break;
            if (plain) sb.append(c == '&' ? "&-" : String.valueOf(c));
            else pending.append(c);
        }
        return sb.toString();
    }

    public static String unmutf7(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '&') {
                sb.append(c);
                continue;
            }
            int e = s.indexOf('-', i);
            String b = s.substring(i + 1, e).replace(',', '/');
            if (b.isEmpty()) sb.append('&');
            else {
                while (b.length() % 4 != 0) b += "=";
                sb.append(new String(java.util.Base64.getDecoder().decode(b), StandardCharsets.UTF_16BE));
            }
            i = e;
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            command("LOGOUT");
        } catch (IOException ignored) {
            // closing anyway
        }
        socket.close();
    }
}
