package org.mailferry.directory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers for a while that a password matched a stored form, so that a client logging in again does not pay
 * the slow hash (argon2, bcrypt, SHA-crypt) each time: mail clients open several connections at once and
 * reconnect often, and a mover opens one per stream. Dovecot's auth cache does the same.
 *
 * <ul>
 *   <li>Only successes are kept. A password that does not match the entry always goes to the slow check, so
 *       guessing gets no faster.</li>
 *   <li>An entry is found by the stored form and holds an HMAC-SHA-256 of the stored form and the password,
 *       under a key drawn at start and kept only in memory, never the password. A password change makes a new
 *       stored form, which misses the old entry.</li>
 *   <li>Entries expire after the time given at each check (server setting {@code PasswordCacheTime}); at most
 *       {@link #MAX_ENTRIES}, the least recently used dropped first.</li>
 * </ul>
 */
final class PasswordCache {
    static final int MAX_ENTRIES = 10_000;

    private record Success(byte[] mac, long expiresNanos) {
    }

    private final SecretKeySpec key;
    private final LongSupplier nanoTime;
    private final Map<String, Success> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Success> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    PasswordCache() {
        this(System::nanoTime);
    }

    PasswordCache(LongSupplier nanoTime) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
        this.nanoTime = nanoTime;
    }

    /**
     * Whether {@code candidate} matches {@code stored}: from the cache when an entry younger than {@code ttlSeconds}
     * says so, else by {@code codec}; a match found by the codec is remembered. {@code ttlSeconds <= 0} bypasses
     * the cache.
     */
    boolean verify(String stored, String candidate, PasswordCodec codec, long ttlSeconds) {
        if (ttlSeconds <= 0) {
            return codec.verify(stored, candidate);
        }
        byte[] mac = mac(stored, candidate);
        long now = nanoTime.getAsLong();
        Success e;
        synchronized (entries) {
            e = entries.get(stored);
        }
        if (e != null && now - e.expiresNanos < 0 && MessageDigest.isEqual(e.mac, mac)) {
            return true;
        }
        if (!codec.verify(stored, candidate)) {
            return false;
        }
        long ttlNanos = Math.min(ttlSeconds, 366L * 86_400) * 1_000_000_000L;
        synchronized (entries) {
            entries.put(stored, new Success(mac, now + ttlNanos));
        }
        return true;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private byte[] mac(String stored, String candidate) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            m.update(stored.getBytes(StandardCharsets.UTF_8));
            m.update((byte) 0);
            return m.doFinal(candidate.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
