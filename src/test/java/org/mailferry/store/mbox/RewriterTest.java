package org.mailferry.store.mbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.store.Flags;
import org.mailferry.store.MessageSource;
import org.mailferry.store.StoreSettings;
import org.mailferry.store.engine.Anomalies;
import org.mailferry.store.engine.Backend;
import org.mailferry.store.engine.Entry;

/**
 * The expunge redo file: a complete one is applied (again and again, with the same result), one cut short
 * at any byte leaves the mailbox as it was, and a version 1 file of an older release is applied when its
 * checksum holds.
 */
class RewriterTest {
    @TempDir
    Path tmp;

    Path mbox;
    Path redo;
    List<Entry> entries;

    void fill() throws IOException {
        mbox = tmp.resolve("box.mbox");
        redo = tmp.resolve("box.mbox.mfrw");
        MboxBackend b = new MboxBackend(mbox, redo, false, StoreSettings.DEFAULT, Anomalies.Sink.LOG_ONLY);
        List<Backend.NewMessage> msgs = new ArrayList<>();
        String[] bodies = {"Subject: 1\n\none\nFrom x\n", "Subject: 2\n\ntwo, no final newline", "Subject: 3\n\nthree\n"};
        for (int i = 0; i < bodies.length; i++) {
            msgs.add(new Backend.NewMessage(i + 1, Flags.NONE, 1_700_000_000L, "a@example.org",
                    MessageSource.ofBytes(bodies[i].getBytes(StandardCharsets.ISO_8859_1))));
        }
        entries = b.append(msgs, -1);
        b.close();
    }

    /** What the file holds after expunging message 1: written through the redo file and applied. */
    byte[] expected() throws IOException {
        Path copy = tmp.resolve("expected.mbox");
        Files.copy(mbox, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel c = FileChannel.open(copy, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Path r = tmp.resolve("expected.mfrw");
            Rewriter.writeRedo(c, r, 0, entries.subList(1, 3), false);
            Rewriter.apply(c, r, false);
        }
        return Files.readAllBytes(copy);
    }

    @Test
    void aCompleteRedoFileIsAppliedAndAnIncompleteOneIsDropped() throws IOException {
        fill();
        byte[] before = Files.readAllBytes(mbox);
        byte[] after = expected();
        assertThat(new String(after, StandardCharsets.ISO_8859_1)).doesNotContain("one").contains("two", "three")
                .startsWith("From a@example.org(_____-2-");
        try (FileChannel c = FileChannel.open(mbox, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Rewriter.writeRedo(c, redo, 0, entries.subList(1, 3), true);
        }
        byte[] full = Files.readAllBytes(redo);
        assertThat(Files.readAllBytes(mbox)).as("the mailbox is not touched before the redo file is complete")
                .isEqualTo(before);
        for (int cut = 0; cut < full.length; cut++) {
            Files.write(mbox, before);
            Files.write(redo, java.util.Arrays.copyOf(full, cut));
            apply();
            assertThat(Files.readAllBytes(mbox)).as("redo cut at %d", cut).isEqualTo(before);
            assertThat(redo).doesNotExist();
        }
        for (int round = 0; round < 3; round++) { // a crash while applying: applying again gives the same file
            Files.write(redo, full);
            apply();
            assertThat(Files.readAllBytes(mbox)).as("round %d", round).isEqualTo(after);
        }
    }

    @Test
    void aVersion1RedoFileIsAppliedWhenItsChecksumHolds() throws IOException {
        fill();
        byte[] before = Files.readAllBytes(mbox);
        byte[] after = expected();
        ByteArrayOutputStream v1 = new ByteArrayOutputStream();
        v1.writeBytes("MFRW1\n".getBytes(StandardCharsets.US_ASCII));
        v1.writeBytes(ByteBuffer.allocate(16).putLong(0).putLong(after.length).array());
        v1.writeBytes(after);
        CRC32C crc = new CRC32C();
        crc.update(after);
        v1.writeBytes(ByteBuffer.allocate(8).putLong(crc.getValue()).array());
        v1.writeBytes("END\n".getBytes(StandardCharsets.US_ASCII));
        byte[] bad = v1.toByteArray().clone();
        bad[30] ^= 1;
        Files.write(redo, bad);
        apply();
        assertThat(Files.readAllBytes(mbox)).isEqualTo(before);
        Files.write(redo, v1.toByteArray());
        apply();
        assertThat(Files.readAllBytes(mbox)).isEqualTo(after);
    }

    void apply() throws IOException {
        try (FileChannel c = FileChannel.open(mbox, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Rewriter.apply(c, redo, false);
        }
    }
}
