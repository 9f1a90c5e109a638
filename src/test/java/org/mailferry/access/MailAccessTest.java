package org.mailferry.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login names, the clear-text policy, and the SASL mechanisms offered per link. */
class MailAccessTest {
    @TempDir
    Path dir;

    @Test
    void loginNamesAndFailures() throws Exception {
        try (TestServer s = TestServer.create(dir)) {
            InetAddress lo = InetAddress.getLoopbackAddress();
            assertThat(s.access.login("alice", "alice-pw", lo)).isPresent();
            assertThat(s.access.login("al", "alice-pw", lo)).get().extracting(a -> a.name()).isEqualTo("alice");
            assertThat(s.access.login("alice@example.test", "alice-pw", lo)).isPresent();
            assertThat(s.access.login("carol@second.test", "carol-pw", lo)).isPresent();
            assertThat(s.access.login("carol", "carol-pw", lo)).isEmpty(); // carol is not in the main domain
            assertThat(s.access.login("alice", "ALICE-PW", lo)).isEmpty();
            assertThat(s.access.login("", "", lo)).isEmpty();
            assertThat(s.access.login("x".repeat(10_000), "y", lo)).isEmpty();
        }
    }

    @Test
    void clearTextPolicy() throws Exception {
        AccessSettings strict = new AccessSettings("h", 1, Duration.ofMinutes(1), 10, 10, false);
        try (TestServer s = TestServer.create(dir, strict)) {
            InetAddress remote = InetAddress.getByName("192.0.2.10"); // a literal: no DNS look-up
            assertThat(s.access.plainAllowed(false, remote)).isFalse();
            assertThat(s.access.plainAllowed(true, remote)).isTrue();
            assertThat(s.access.plainAllowed(false, InetAddress.getLoopbackAddress())).isTrue();
            assertThat(s.access.mechanisms(false, remote)).containsExactly("SCRAM-SHA-256", "CRAM-MD5");
            assertThat(s.access.sasl("PLAIN", false, remote)).isEmpty();
            assertThat(s.access.sasl("PLAIN", true, remote)).isPresent();
            assertThat(s.access.sasl("X-UNKNOWN", true, remote)).isEmpty();
        }
    }
}
