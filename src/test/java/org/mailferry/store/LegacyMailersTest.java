package org.mailferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real legacy programs and our files: Python's mailbox.mbox and GNU mailutils read what we write, and
 * procmail delivering plus movemail emptying the same Legacy INBOX while the store appends, sets flags and
 * expunges lose nothing and duplicate nothing (docs/store.md "Locking").
 */
class LegacyMailersTest {
    @TempDir
    Path tmp;

    static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", cmd));
        }
        return p.exitValue() + "\n" + out;
    }

    static boolean has(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool));
    }

    static List<String> subjects(String pythonOut) {
        List<String> s = new ArrayList<>();
        for (String line : pythonOut.split("\n")) {
            if (line.startsWith("S:")) {
                s.add(line.substring(2));
            }
        }
        return s;
    }

    static String pythonSubjects(Path dir, Path mbox) throws Exception {
        return run(dir, "python3", "-c", "import mailbox,sys\nfor m in mailbox.mbox(sys.argv[1]): print('S:'+str(m['Subject']))",
                mbox.toString());
    }

    @Test
    void legacyReadersSeeEveryMessageWeWrite() throws Exception {
        assumeTrue(has("frm") && has("mail.mailutils"), "GNU mailutils is not installed");
        Path acct = tmp.resolve("a.macnt");
        List<String> want = new ArrayList<>();
        try (MailStore s = new MailStore()) {
            AccountStore a = s.account(acct, AccountConfig.DEFAULT);
            for (int i = 0; i < 30; i++) {
                String body = switch (i % 4) {
                    case 0 -> "From the body\n>From quoted\n";
                    case 1 -> "crlf\r\nlines\r\n";
                    case 2 -> "no final newline";
                    default -> "\n\nFrom \n";
                };
                a.append("INBOX", List.of(AppendRequest.of(MessageSource.ofBytes(
                        ("Subject: m" + i + "\n\n" + body).getBytes(StandardCharsets.ISO_8859_1)))));
                want.add("m" + i);
            }
            try (Mailbox m = a.open("INBOX", false)) {
                m.store(List.of(m.message(3).uid(), m.message(10).uid()), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
                m.expunge(null);
                want.remove("m9");
                want.remove("m2");
            }
        }
        Path mbox = acct.resolve("INBOX.mbox");
        assertThat(subjects(pythonSubjects(tmp, mbox))).containsExactlyElementsOf(want);
        String frm = run(tmp, "frm", mbox.toString());
        assertThat(frm.lines().filter(l -> l.contains("\tm")).count()).as(frm).isEqualTo(want.size());
        String mail = run(tmp, "mail.mailutils", "-N", "-H", "-f", mbox.toString());
        assertThat(mail.lines().filter(l -> l.matches(".*\\bm[0-9]+$")).count()).as(mail).isEqualTo(want.size());
    }

    @Test
    void procmailAndMovemailShareTheLegacyInboxWithUs() throws Exception {
        assumeTrue(has("procmail") && has("movemail"), "procmail or movemail is not installed");
        Path spool = Files.createDirectories(tmp.resolve("spool"));
        Path inbox = spool.resolve("alice");
        Path rc = tmp.resolve("procmailrc");
        Files.writeString(rc, "DEFAULT=" + inbox + "\nLOGFILE=" + tmp.resolve("procmail.log") + "\n");
        Map<String, Boolean> acknowledged = new ConcurrentHashMap<>(); // subject -> may be missing (we expunged)
        AtomicBoolean stop = new AtomicBoolean();
        List<Path> moved = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());

        Thread procmail = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < 60 && errors.isEmpty(); i++) {
                    Path msg = tmp.resolve("p" + i + ".eml");
                    Files.writeString(msg, "From p@example.org Sat Jan  3 01:05:34 1996\nFrom: p@example.org\nSubject: P-" + i + "\n\nfrom procmail " + i
                            + "\nFrom inside\n");
                    Process p = new ProcessBuilder("procmail", "-m", rc.toString()).redirectInput(msg.toFile())
                            .redirectErrorStream(true).start();
                    p.getInputStream().readAllBytes();
                    if (p.waitFor() == 0) {
                        acknowledged.put("P-" + i, false);
                    } else {
                        errors.add(new AssertionError("procmail failed for P-" + i));
                    }
                }
            } catch (Exception e) {
                errors.add(e);
            }
        });
        Thread movemail = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; !stop.get() && i < 200; i++) {
                    Thread.sleep(150);
                    Path dest = tmp.resolve("moved-" + i + ".mbox");
                    String out = run(tmp, "movemail", "--no-config", inbox.toString(), dest.toString());
                    if (Files.exists(dest)) {
                        moved.add(dest);
                    }
                    if (!out.startsWith("0\n") && !out.contains("No such file") && !out.contains("not found")) {
                        errors.add(new AssertionError("movemail: " + out));
                    }
                }
            } catch (Exception e) {
                errors.add(e);
            }
        });
        try (MailStore s = new MailStore()) {
            AccountStore a = s.account(tmp.resolve("alice.macnt"), AccountConfig.DEFAULT.withLegacyInbox(inbox));
            try (Mailbox m = a.open("INBOX", false)) {
                for (int i = 0; i < 60; i++) {
                    String subj = "U-" + i;
                    m.append(List.of(new AppendRequest(MessageSource.ofBytes(("Subject: " + subj
                            + "\n\nFrom us\n").getBytes(StandardCharsets.ISO_8859_1)), Flags.NONE, Instant.now(), null)));
                    acknowledged.put(subj, false);
                    m.poll();
                    if (m.exists() > 0 && i % 3 == 0) {
                        // flag a message we know and expunge it; it may be gone to movemail already
                        MailboxEvent.Exists ignored = null;
                        long uid = m.message(1).uid();
                        String subject = subjectOf(m, uid);
                        if (subject != null) {
                            m.store(List.of(uid), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
                            if (!m.expunge(List.of(uid)).isEmpty()) {
                                acknowledged.put(subject, true);
                            }
                        }
                    }
                    if (m.exists() > 1) {
                        m.store(List.of(m.message(m.exists()).uid()), FlagOp.ADD, Flags.of(Flag.SEEN), -1);
                    }
                    Thread.sleep(20);
                }
            }
            procmail.join();
            stop.set(true);
            movemail.join();
        }
        assertThat(errors).isEmpty();
        assertThat(moved).as("movemail moved mail out at least once").isNotEmpty();
        Map<String, Integer> count = new HashMap<>();
        List<Path> all = new ArrayList<>(moved);
        all.add(inbox);
        for (Path p : all) {
            if (!Files.exists(p)) {
                continue;
            }
            for (String subj : subjects(pythonSubjects(tmp, p))) {
                count.merge(subj, 1, Integer::sum);
            }
        }
        for (Map.Entry<String, Boolean> e : acknowledged.entrySet()) {
            int n = count.getOrDefault(e.getKey(), 0);
            if (e.getValue()) {
                assertThat(n).as("%s (expunged by us) appears at most once", e.getKey()).isLessThanOrEqualTo(1);
            } else {
                if (n != 1) {
                    Files.copy(inbox, Path.of("/tmp/lm-inbox-" + e.getKey()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.copy(tmp.resolve("procmail.log"), Path.of("/tmp/lm-procmail.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                assertThat(n).as("%s appears exactly once", e.getKey()).isEqualTo(1);
            }
        }
        assertThat(count.keySet()).allMatch(acknowledged::containsKey);
        assertThat(acknowledged).hasSize(120);
        // and the file still opens
        try (MailStore s = new MailStore()) {
            AccountStore a = s.account(tmp.resolve("alice.macnt"), AccountConfig.DEFAULT.withLegacyInbox(inbox));
            assertThat(a.status("INBOX").messages()).isEqualTo(count.isEmpty() ? 0
                    : subjects(pythonSubjects(tmp, inbox)).size());
        }
    }

    private static final Pattern SUBJECT = Pattern.compile("(?m)^Subject: (\\S+)");

    private static String subjectOf(Mailbox m, long uid) throws IOException {
        try (var in = m.open(uid)) {
            Matcher x = SUBJECT.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            return x.find() ? x.group(1) : null;
        } catch (StoreException e) {
            return null;
        }
    }

    static Set<String> unused() {
        return Set.of();
    }
}
