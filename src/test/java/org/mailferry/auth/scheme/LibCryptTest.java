package org.mailferry.auth.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The FFM binding to the system's libcrypt, and the clean failure when the library is missing. */
class LibCryptTest {
    static final String YESCRYPT_SECRET = "$y$j9T$1JXnxSn1HjVTgJVSNmg4J1$3LZ3Tp779/YWCqYKv0LRIwlAyTNefODbP2o.e0/MBO3";

    @Test
    void systemLibraryIsThere() {
        assertThat(LibCrypt.system().available()).as(LibCrypt.system().unavailableReason().orElse("")).isTrue();
        assertThat(LibCrypt.system().crypt("secret".getBytes(), YESCRYPT_SECRET)).contains(YESCRYPT_SECRET);
        assertThat(LibCrypt.system().checkSalt("$y$j9T$abc")).isEqualTo(LibCrypt.SaltCheck.OK);
        assertThat(LibCrypt.system().checkSalt("$9$nonsense")).isEqualTo(LibCrypt.SaltCheck.INVALID);
        assertThat(LibCrypt.system().crypt("secret".getBytes(), "$9$nonsense")).isEmpty();
        assertThat(LibCrypt.system().crypt(new byte[] {'a', 0, 'b'}, YESCRYPT_SECRET)).isEmpty();
    }

    @Test
    void yescryptEncodesThroughGensalt() {
        String h = LibCryptScheme.YESCRYPT.encode("pässword".getBytes(StandardCharsets.UTF_8), HashPolicy.TESTING,
                new SecureRandom());
        assertThat(h).startsWith("$y$");
        LibCryptScheme.YESCRYPT.validate(h);
        assertThat(LibCryptScheme.YESCRYPT.verify(h, "pässword".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(LibCryptScheme.YESCRYPT.verify(h, "password".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void malformedYescryptIsRefused() {
        assertThatThrownBy(() -> LibCryptScheme.YESCRYPT.validate(YESCRYPT_SECRET + "xx"))
                .hasMessageContaining("YESCRYPT hash is malformed");
        assertThatThrownBy(() -> LibCryptScheme.YESCRYPT.validate("$y$"))
                .hasMessageContaining("YESCRYPT hash is malformed");
    }

    @Test
    void missingLibraryFailsCleanly() {
        LibCrypt none = LibCrypt.load("libdoesnotexist.so.9");
        assertThat(none.available()).isFalse();
        assertThat(none.unavailableReason()).get().asString().contains("libdoesnotexist.so.9")
                .contains("libcrypt1");
        assertThat(none.crypt("secret".getBytes(), YESCRYPT_SECRET)).isEmpty();
        LibCryptScheme y = LibCryptScheme.YESCRYPT.using(none);
        assertThat(y.verify(YESCRYPT_SECRET, "secret".getBytes())).isFalse();
        assertThatThrownBy(() -> y.validate(YESCRYPT_SECRET)).isInstanceOf(InvalidPasswordException.class)
                .hasMessageContaining("YESCRYPT hashes are verified by the system's crypt(3), but")
                .hasMessageContaining("libdoesnotexist.so.9");
        assertThatThrownBy(() -> y.encode("x".getBytes(), HashPolicy.TESTING, new SecureRandom()))
                .hasMessageContaining("needs the system's crypt(3)");
    }
}
