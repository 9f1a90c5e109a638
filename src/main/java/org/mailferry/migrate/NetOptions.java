package org.mailferry.migrate;

import org.mailferry.net.client.ClientTls;
import org.mailferry.net.client.TlsMode;

/**
 * How a MoveIMAPMail run reaches its two servers: TLS settings and login method per side (auto, or a SASL
 * mechanism: PLAIN, LOGIN, SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, or with an OAuth 2.0 access token OAUTHBEARER, XOAUTH2,
 * the token read from a file at each login when one is given) and the back-off for temporary refusals. Built from the command line.
 */
public record NetOptions(ClientTls sourceTls, ClientTls targetTls, String sourceAuth, String targetAuth, Backoff backoff,
                         org.mailferry.net.client.AccessTokens sourceTokens, org.mailferry.net.client.AccessTokens targetTokens) {
    /** Automatic TLS (opportunistic STARTTLS), automatic login method, default back-off. */
    public static final NetOptions DEFAULT = new NetOptions(ClientTls.of(TlsMode.AUTO, null, false), ClientTls.of(TlsMode.AUTO, null, false),
            "AUTO", "AUTO", Backoff.DEFAULT, null, null);
}
