package org.mailferry.app;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mailferry server}: runs the server in the foreground until SIGTERM or Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {
                "Starts the Mailferry server in the foreground.",
                "",
                "On the first start the base directory is created with the main domain and its postmaster "
                        + "account. When every listener is up, one line per listener ('cli 127.0.0.1:10106') and "
                        + "then 'ready' are printed. SIGTERM or Ctrl-C shuts the server down cleanly.",
                "",
                "Default ports are the standard ones (CLI 106, SMTP 25, submission 587, SMTPS 465, POP3 110, "
                        + "POP3S 995, IMAP 143, IMAPS 993, HTTP 8010). When not run as root and without "
                        + "--port-offset, 10000 is added to every default so no privilege is needed "
                        + "(CLI 10106, SMTP 10025, …). An explicit --X-port is used as given; 0 disables that "
                        + "listener. A listener whose protocol is not built yet is not started."},
        sortOptions = false)
public final class ServerCommand implements Callable<Integer> {

    @Option(names = "--base", paramLabel = "DIR", defaultValue = "data",
            description = "Base directory holding settings, domains, accounts and mailboxes (default: ./data).")
    Path base;

    @Option(names = "--domain", paramLabel = "NAME",
            description = "Main domain name, used on first start (default: this host's name).")
    String domain;

    @Option(names = "--postmaster-password", paramLabel = "PW",
            description = "Postmaster password set on first start; without it one is generated and printed once.")
    String postmasterPassword;

    @Option(names = "--listen", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address every listener binds (default: 127.0.0.1; use 0.0.0.0 to serve the network).")
    String listen;

    @Option(names = "--port-offset", paramLabel = "N",
            description = "Added to every default port, e.g. to run beside an old server (default: 0 as root, "
                    + "10000 otherwise).")
    Integer portOffset;

    @Option(names = "--cli-port", paramLabel = "N", description = "CLI (PWD) admin port (default 106).")
    Integer cliPort;
    @Option(names = "--smtp-port", paramLabel = "N", description = "SMTP relay/inbound port (default 25).")
    Integer smtpPort;
    @Option(names = "--submission-port", paramLabel = "N", description = "SMTP submission port (default 587).")
    Integer submissionPort;
    @Option(names = "--smtps-port", paramLabel = "N", description = "SMTP over implicit TLS (default 465).")
    Integer smtpsPort;
    @Option(names = "--pop3-port", paramLabel = "N", description = "POP3 port (default 110).")
    Integer pop3Port;
    @Option(names = "--pop3s-port", paramLabel = "N", description = "POP3 over implicit TLS (default 995).")
    Integer pop3sPort;
    @Option(names = "--imap-port", paramLabel = "N", description = "IMAP port (default 143).")
    Integer imapPort;
    @Option(names = "--imaps-port", paramLabel = "N", description = "IMAP over implicit TLS (default 993).")
    Integer imapsPort;
    @Option(names = "--http-port", paramLabel = "N", description = "HTTP (web admin) port (default 8010).")
    Integer httpPort;

    @Option(names = "--relay-host", paramLabel = "HOST[:PORT]",
            description = "Send all outbound mail through this SMTP relay instead of MX look-ups.")
    String relayHost;

    @Override
    public Integer call() throws Exception {
        ServerOptions options = options();
        try (Server server = Server.start(options, System.out)) {
            // SIGTERM and SIGINT stop the server and let main return 0 (instead of the JVM's 143/130)
            for (String sig : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(sig), s -> server.close());
            }
            server.awaitShutdown();
        }
        return 0;
    }

    ServerOptions options() throws Exception {
        int offset = portOffset != null ? portOffset : (isRoot() ? 0 : 10000);
        Map<String, Integer> explicit = new LinkedHashMap<>();
        explicit.put("cli", cliPort);
        explicit.put("smtp", smtpPort);
        explicit.put("submission", submissionPort);
        explicit.put("smtps", smtpsPort);
        explicit.put("pop3", pop3Port);
        explicit.put("pop3s", pop3sPort);
        explicit.put("imap", imapPort);
        explicit.put("imaps", imapsPort);
        explicit.put("http", httpPort);
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (var e : ServerOptions.STANDARD_PORTS.entrySet()) {
            Integer given = explicit.get(e.getKey());
            ports.put(e.getKey(), given != null ? given : e.getValue() + offset);
        }
        String mainDomain = domain != null ? domain : InetAddress.getLocalHost().getHostName();
        return new ServerOptions(base.toAbsolutePath().normalize(), mainDomain, postmasterPassword,
                InetAddress.getByName(listen), ports, relayHost);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
