package org.mailferry.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        long millis = 1_000_000;

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void limitsPerNameAndAddressForTheWindowOnly() {
        ManualClock clock = new ManualClock();
        LoginThrottle t = new LoginThrottle(Duration.ofMinutes(10), 5, 2, 100, clock);
        assertThat(t.allowed("10.0.0.1", "alice")).isTrue();
        assertThat(t.failed("10.0.0.1", "alice")).isEqualTo(100);
        assertThat(t.failed("10.0.0.2", "Alice")).isEqualTo(200); // same name, other address: counts for the name
        assertThat(t.allowed("10.0.0.3", "ALICE")).isFalse();
        assertThat(t.allowed("10.0.0.3", "bob")).isTrue();
        for (int i = 0; i < 4; i++) {
            t.failed("10.0.0.9", "user" + i);
        }
        assertThat(t.failed("10.0.0.9", "user9")).isEqualTo(800); // capped at 8x
        assertThat(t.allowed("10.0.0.9", "bob")).isFalse();
        clock.millis += Duration.ofMinutes(11).toMillis();
        assertThat(t.allowed("10.0.0.9", "alice")).isTrue();
    }

    @Test
    void successClearsTheCounters() {
        ManualClock clock = new ManualClock();
        LoginThrottle t = new LoginThrottle(Duration.ofMinutes(10), 5, 2, 10, clock);
        t.failed("10.0.0.1", "alice");
        t.succeeded("10.0.0.1", "alice");
        t.failed("10.0.0.1", "alice");
        assertThat(t.allowed("10.0.0.1", "alice")).isTrue();
    }
}
