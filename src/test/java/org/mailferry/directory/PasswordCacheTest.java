package org.mailferry.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordCacheTest {
    /** A codec whose stored form is "slow:" + the password, counting the checks it makes. */
    static final class CountingCodec implements PasswordCodec {
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public String store(String given, String encryption) {
            return given.startsWith("slow:") ? given : "slow:" + given;
        }

        @Override
        public boolean verify(String stored, String candidate) {
            checks.incrementAndGet();
            return stored.equals("slow:" + candidate);
        }

        @Override
        public String schemeName(String stored) {
            return stored.startsWith("slow:") ? "SLOW" : "clear";
        }

        @Override
        public boolean needsRehash(String stored, String encryption) {
            return false;
        }
    }

    final CountingCodec codec = new CountingCodec();
    final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    final PasswordCache cache = new PasswordCache(now::get);

    @Test
    void aRepeatedGoodPasswordIsCheckedSlowlyOnce() {
        for (int i = 0; i < 5; i++) {
            assertThat(cache.verify("slow:pw", "pw", codec, 600)).isTrue();
        }
        assertThat(codec.checks).hasValue(1);
    }

    @Test
    void aWrongPasswordAlwaysTakesTheSlowCheckAndIsRefused() {
        assertThat(cache.verify("slow:pw", "pw", codec, 600)).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(cache.verify("slow:pw", "guess" + i, codec, 600)).isFalse();
        }
        assertThat(codec.checks).hasValue(4);
        assertThat(cache.verify("slow:pw", "pw", codec, 600)).isTrue();
        assertThat(codec.checks).hasValue(4);
    }

    @Test
    void failuresAreNotRemembered() {
        assertThat(cache.verify("slow:pw", "bad", codec, 600)).isFalse();
        assertThat(cache.size()).isZero();
    }

    @Test
    void anEntryExpiresAfterItsTime() {
        cache.verify("slow:pw", "pw", codec, 600);
        now.addAndGet(599_000_000_000L);
        cache.verify("slow:pw", "pw", codec, 600);
        assertThat(codec.checks).hasValue(1);
        now.addAndGet(2_000_000_000L);
        cache.verify("slow:pw", "pw", codec, 600);
        assertThat(codec.checks).hasValue(2);
    }

    @Test
    void aNewStoredFormMissesTheOldEntry() {
        cache.verify("slow:old", "old", codec, 600);
        assertThat(cache.verify("slow:new", "old", codec, 600)).isFalse();
        assertThat(codec.checks).hasValue(2);
    }

    @Test
    void timeZeroTurnsTheCacheOff() {
        cache.verify("slow:pw", "pw", codec, 0);
        cache.verify("slow:pw", "pw", codec, 0);
        assertThat(codec.checks).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void theCacheHoldsAtMostItsLimit() {
        for (int i = 0; i < PasswordCache.MAX_ENTRIES + 50; i++) {
            cache.verify("slow:p" + i, "p" + i, codec, 600);
        }
        assertThat(cache.size()).isEqualTo(PasswordCache.MAX_ENTRIES);
    }

    @Test
    void accountLoginsGoThroughTheCacheUnlessTheServerSettingTurnsItOff(@TempDir Path base) throws Exception {
        try (Directory d = Directory.open(Files.createDirectories(base.resolve("dir")), "example.test", codec)) {
            Account a = d.mainDomain().createAccount("j", null, false, Map.of("Password", "secret"));
            assertThat(a.verifyPassword("secret")).isTrue();
            assertThat(a.verifyPassword("secret")).isTrue();
            assertThat(a.verifyPassword("wrong")).isFalse();
            assertThat(codec.checks).hasValue(2);

            d.updateServerSettings(Map.of(Directory.PASSWORD_CACHE_TIME, "0"));
            assertThat(a.verifyPassword("secret")).isTrue();
            assertThat(a.verifyPassword("secret")).isTrue();
            assertThat(codec.checks).hasValue(4);

            a.setPassword("changed");
            d.updateServerSettings(Map.of(Directory.PASSWORD_CACHE_TIME, "600"));
            assertThat(a.verifyPassword("secret")).isFalse();
            assertThat(a.verifyPassword("changed")).isTrue();
            assertThat(a.verifyPassword("changed")).isTrue();
            assertThat(codec.checks).hasValue(6);
        }
    }
}
