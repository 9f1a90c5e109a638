package org.mailferry.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopUidlsTest {
    @TempDir
    Path tmp;

    @Test
    void entriesOfAnotherUidValidityAreNotUsedAndAreReplacedByTheNextAdd() throws Exception {
        Path f = tmp.resolve("INBOX.mbox.mfuidl");
        PopUidls.add(f, 7, Map.of(1L, "one"), true);
        assertThat(PopUidls.read(f, 7)).isEqualTo(Map.of(1L, "one"));
        assertThat(PopUidls.read(f, 8)).isEmpty();
        PopUidls.add(f, 8, Map.of(2L, "two"), true);
        assertThat(PopUidls.read(f, 8)).isEqualTo(Map.of(2L, "two"));
        assertThat(PopUidls.read(f, 7)).isEmpty();
        assertThat(PopUidls.read(tmp.resolve("none"), 7)).isEmpty();
    }

    @Test
    void aLineTornByACrashIsNeitherReadNorJoinedToTheNextEntry() throws Exception {
        Path f = tmp.resolve("x.mfuidl");
        PopUidls.add(f, 7, Map.of(1L, "one"), true);
        Files.write(f, "2 tw".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND); // power cut mid-write
        assertThat(PopUidls.read(f, 7)).isEqualTo(Map.of(1L, "one"));
        PopUidls.add(f, 7, Map.of(3L, "three"), true);
        assertThat(PopUidls.read(f, 7)).isEqualTo(Map.of(1L, "one", 3L, "three"));
        assertThat(Files.readString(f)).isEqualTo("V 7\n1 one\n3 three\n");
    }

    @Test
    void onlyUidlsRfc1939AllowsAreTaken() {
        assertThat(org.mailferry.util.Uidls.valid("!~" + "x".repeat(68))).isTrue();
        assertThat(org.mailferry.util.Uidls.valid("x".repeat(71))).isFalse();
        assertThat(org.mailferry.util.Uidls.valid("")).isFalse();
        assertThat(org.mailferry.util.Uidls.valid("a b")).isFalse();
        assertThat(org.mailferry.util.Uidls.valid("é")).isFalse();
        assertThatThrownBy(() -> PopUidls.add(tmp.resolve("y"), 1, Map.of(1L, "a\nb"), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(tmp.resolve("y"))).isFalse();
    }

    @Test
    void handEditedLinesAreSkipped() throws Exception {
        Path f = tmp.resolve("z");
        Files.writeString(f, "V 5\n1 good\nnot a line\n99999999999 too-big-uid\n2 \n3 fine\n");
        assertThat(PopUidls.read(f, 5)).isEqualTo(Map.of(1L, "good", 3L, "fine"));
    }
}
