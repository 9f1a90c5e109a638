package org.mailferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills a child JVM that appends, flags and expunges with SIGKILL at random moments, many times, and checks
 * that the mailbox opens with every acknowledged message intact, no expunge undone, and no partial message.
 */
class SigkillTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(MailboxFormat.class)
    void acknowledgedMessagesSurviveSigkillAtAnyPoint(MailboxFormat format) throws Exception {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        Path acct = tmp.resolve("k.macnt");
        String java = ProcessHandle.current().info().command().orElse("java");
        Set<Long> acked = new HashSet<>();
        Set<Long> expunged = new HashSet<>();
        Set<Long> mayVanish = new HashSet<>();
        Set<Long> seen = new HashSet<>(); // every UID given in an earlier round: never given again
        for (int round = 0; round < 12; round++) {
            // the child's output goes to a file, not a pipe: when a process dies the JDK drains and closes its
            // pipe under a reading thread, which can lose the last lines (an acknowledged "D uid" among them)
            Path outFile = tmp.resolve("child-" + round + ".out");
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "--enable-native-access=ALL-UNNAMED", KillTarget.class.getName(), acct.toString(), format.name(),
                    Long.toString(r.nextLong())).redirectOutput(outFile.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(tmp.resolve("child.err").toFile())).start();
            long readyBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(outFile, StandardCharsets.US_ASCII).startsWith("READY\n")) {
                assertThat(p.isAlive() && System.nanoTime() < readyBy).as("seed %d round %d: child ready", seed, round)
                        .isTrue();
                Thread.sleep(5);
            }
            Thread.sleep(50 + r.nextInt(400));
            p.destroyForcibly(); // SIGKILL
            p.waitFor();
            List<String> lines = Files.readAllLines(outFile, StandardCharsets.US_ASCII);
            for (String l : lines.subList(1, lines.size())) {
                long uid = Long.parseLong(l.substring(2)); // a line is written whole, its end of line maybe not
                if (l.startsWith("A")) {
                    assertThat(seen).as("%s seed %d round %d: UID %d given twice", format, seed, round, uid)
                            .doesNotContain(uid);
                }
                (l.startsWith("A") ? acked : l.startsWith("X") ? expunged : mayVanish).add(uid);
            }
            try (MailStore s = new MailStore();
                 Mailbox m = s.account(acct, AccountConfig.DEFAULT.withFormat(format)).open("INBOX", true)) {
                Set<Long> present = new HashSet<>();
                for (MessageInfo mi : m.messages()) {
                    present.add(mi.uid());
                    try (InputStream b = m.open(mi.uid())) {
                        byte[] bytes = b.readAllBytes();
                        String head = new String(bytes, 0, Math.min(bytes.length, 120), StandardCharsets.ISO_8859_1);
                        assertThat(KillTarget.intact(bytes)).as("%s seed %d round %d uid %d intact (%d bytes): %s",
                                format, seed, round, mi.uid(), bytes.length, head).isTrue();
                    }
                }
                for (long uid : acked) {
                    if (!expunged.contains(uid) && !mayVanish.contains(uid)) {
                        assertThat(present).as("%s seed %d round %d: acknowledged uid %d; expunged %s may vanish %s", format,
                                        seed, round, uid, expunged, mayVanish)
                                .contains(uid);
                    }
                }
                for (long uid : expunged) {
                    assertThat(present).as("seed %d round %d: expunged uid %d", seed, round, uid)
                            .doesNotContain(uid);
                }
                // messages present but never acknowledged were appended when the kill came: they count now
                acked.addAll(present);
                seen.addAll(acked);
            }
        }
        assertThat(acked).as("the child did work").isNotEmpty();
    }
}
