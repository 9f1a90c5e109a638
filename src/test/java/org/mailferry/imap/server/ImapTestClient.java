package org.mailferry.imap.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A minimal IMAP test client: sends tagged commands and collects the untagged lines until the tagged reply. */
final class ImapTestClient implements AutoCloseable {
    private final Socket s;
    final BufferedReader in;
    private final OutputStream out;
    private int tag;

    ImapTestClient(int port) throws IOException {
        s = new Socket("127.0.0.1", port);
        s.setSoTimeout(15_000);
        in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        out = s.getOutputStream();
        in.readLine();
    }

    static ImapTestClient login(int port, String user, String pw) throws IOException {
        ImapTestClient c = new ImapTestClient(port);
        List<String> r = c.run("LOGIN " + user + " " + pw);
        if (!r.get(r.size() - 1).contains("OK")) {
            throw new IOException("login failed: " + r);
        }
        return c;
    }

    void raw(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Runs a command; returns every line up to and including the tagged one (tag replaced by "T"). */
    List<String> run(String cmd) throws IOException {
        String t = "t" + ++tag;
        raw(t + " " + cmd);
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = in.readLine();
            if (l == null) {
                throw new IOException("closed; got " + lines);
            }
            if (l.startsWith(t + " ")) {
                lines.add("T " + l.substring(t.length() + 1));
                return lines;
            }
            lines.add(l);
        }
    }

    @Override
    public void close() throws IOException {
        s.close();
    }
}
