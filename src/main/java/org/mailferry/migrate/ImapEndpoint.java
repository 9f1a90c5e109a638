package org.mailferry.migrate;

import java.io.IOException;
import org.mailferry.imap.client.ImapCommandException;
import org.mailferry.imap.client.ImapConnection;
import org.mailferry.imap.client.ImapProtocolException;

/**
 * One side of an IMAP move: where it is and how to log in. {@link #open()} connects and logs in, turning
 * failures into the documented exit codes (cannot connect vs login failed, source vs target).
 */
public record ImapEndpoint(HostPort server, String user, String password, int timeoutMillis, boolean source) {

    public ImapConnection open() throws MoverException {
        String side = source ? "source" : "target";
        ImapConnection c;
        try {
            c = ImapConnection.connect(server.host(), server.port(), timeoutMillis);
        } catch (IOException | ImapProtocolException e) {
            throw new MoverException(source ? ExitCodes.CONNECT_SOURCE : ExitCodes.CONNECT_TARGET,
                    "cannot connect to " + side + " IMAP server " + server + ": " + e.getMessage(), e);
        }
        try {
            c.login(user, password);
            return c;
        } catch (ImapCommandException e) {
            c.close();
            throw new MoverException(source ? ExitCodes.LOGIN_SOURCE : ExitCodes.LOGIN_TARGET,
                    side + " IMAP server " + server + " refused the login of " + user + ": " + e.completion().describe(), e);
        } catch (IOException | ImapProtocolException e) {
            c.close();
            throw new MoverException(source ? ExitCodes.CONNECT_SOURCE : ExitCodes.CONNECT_TARGET,
                    side + " IMAP server " + server + " failed during login: " + e.getMessage(), e);
        }
    }
}
