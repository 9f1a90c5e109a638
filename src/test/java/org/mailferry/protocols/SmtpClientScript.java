package org.mailferry.protocols;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A tiny line-by-line SMTP test client: sends a command and returns the final reply line. */
public final class SmtpClientScript implements AutoCloseable {
    private final Socket s;
    private final BufferedReader in;
    private final OutputStream out;

    public SmtpClientScript(int port) throws IOException {
        s = new Socket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        out = s.getOutputStream();
        reply();
    }

    public String reply() throws IOException {
        String l;
        do {
            l = in.readLine();
            if (l == null) {
                return null;
            }
        } while (l.length() > 3 && l.charAt(3) == '-');
        return l;
    }

    public String send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    @Override
    public void close() throws IOException {
        s.close();
    }
}
