package org.mailferry.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.directory.Directory;
import org.mailferry.directory.Domain;
import org.mailferry.directory.PasswordCodec;
import org.mailferry.smtp.proto.MailAddress;

/** Routing through the directory: accounts, aliases, domain aliases, forwarders, groups, loops, remote domains. */
class DirectoryRouterTest {
    @TempDir
    Path dir;

    private static String describe(Router.Result r) {
        return switch (r) {
            case Router.Result.Unknown u -> "unknown";
            case Router.Result.Loop l -> "loop";
            case Router.Result.Deliver d -> (d.localDomain() ? "local" : "remote") + d.routes().stream()
                    .map(x -> switch (x) {
                        case Route.Local loc -> " " + loc.account().address();
                        case Route.Remote rem -> " >" + rem.address().address();
                    }).toList();
        };
    }

    @Test
    void routes() throws Exception {
        try (Directory d = Directory.open(dir, "example.test", PasswordCodec.CLEAR_ONLY)) {
            Domain main = d.mainDomain();
            main.createAccount("alice", null, false, Map.of());
            main.createAccount("bob", null, false, Map.of());
            main.setAccountAliases("alice", List.of("al"));
            main.createForwarder("fwd", "someone@remote.test");
            main.createForwarder("tobob", "bob");
            main.createGroup("team", Map.of("Members", List.of("alice", "al", "tobob", "x@remote.test")));
            main.createForwarder("loop1", "loop2");
            main.createForwarder("loop2", "loop1");
            d.setDomainAliases("example.test", List.of("alias.test"));
            d.createDomain("second.test", Map.of()).createAccount("carol", null, false, Map.of());
            DirectoryRouter r = new DirectoryRouter(d);
            String[][] cases = {
                    {"alice@example.test", "local[ alice@example.test]"},
                    {"AL@EXAMPLE.TEST", "local[ alice@example.test]"},
                    {"alice@alias.test", "local[ alice@example.test]"},
                    {"carol@second.test", "local[ carol@second.test]"},
                    {"alice@second.test", "unknown"},
                    {"nobody@example.test", "unknown"},
                    {"fwd@example.test", "local[ >someone@remote.test]"},
                    {"team@example.test", "local[ alice@example.test,  bob@example.test,  >x@remote.test]"},
                    {"loop1@example.test", "loop"},
                    {"who@remote.test", "remote[ >who@remote.test]"},
                    {"who@[192.0.2.1]", "remote[ >who@[192.0.2.1]]"},
            };
            for (String[] c : cases) {
                assertThat(describe(r.route(MailAddress.parse(c[0])))).as(c[0]).isEqualTo(c[1]);
            }
            assertThat(describe(r.route(new MailAddress("postmaster", "")))).isEqualTo("unknown");
            assertThat(r.isLocalDomain("ALIAS.test")).isTrue();
            assertThat(r.isLocalDomain("remote.test")).isFalse();
        }
    }
}
