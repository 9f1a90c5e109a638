package org.mailferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every store backend must have (STYLE.md habit 6). Subclasses say how an account is
 * configured; the tests use only the public API and restart the store to check what is durable.
 */
abstract class MailStoreContract {
    @TempDir
    Path tmp;
    MailStore store;
    AccountStore acct;

    /** The account configuration under test; {@code tmp} is the test's scratch folder. */
    abstract AccountConfig config(Path tmp);

    @BeforeEach
    void open() throws IOException {
        store = new MailStore();
        acct = store.account(tmp.resolve("alice.macnt"), config(tmp));
    }

    @AfterEach
    void close() {
        store.close();
    }

    void restart() throws IOException {
        store.close();
        store = new MailStore();
        acct = store.account(tmp.resolve("alice.macnt"), config(tmp));
    }

    static byte[] msg(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static AppendRequest req(byte[] b, Flags f) {
        return new AppendRequest(MessageSource.ofBytes(b), f, Instant.parse("2024-05-06T07:08:09Z"), "bob@example.org");
    }

    static byte[] read(Mailbox m, long uid) throws IOException {
        try (InputStream in = m.open(uid)) {
            return in.readAllBytes();
        }
    }

    String box() {
        return "INBOX";
    }

    @Test
    void appendedMessagesComeBackByteExactWithAscendingUids() throws IOException {
        byte[][] bodies = {
                msg("Subject: a\r\n\r\nhello\r\n"),
                msg("Subject: b\n\nFrom the start\n>From quoted\n>>From twice\nFrom\n"),
                msg("Subject: c\n\nno final newline"),
                msg(""),
                msg("From me\n\n\n\nFrom you\n\n"),
                msg("X: \0\0\n\nbinary\0\n"),
        };
        List<Long> uids = new ArrayList<>();
        for (byte[] b : bodies) {
            uids.addAll(acct.append(box(), List.of(req(b, Flags.NONE))).uids());
        }
        assertThat(uids).isSorted().doesNotHaveDuplicates();
        for (int pass = 0; pass < 2; pass++) {
            try (Mailbox m = acct.open(box(), false)) {
                assertThat(m.exists()).isEqualTo(bodies.length);
                for (int i = 0; i < bodies.length; i++) {
                    assertThat(read(m, uids.get(i))).as("message %d pass %d", i, pass).isEqualTo(bodies[i]);
                    assertThat(m.message(i + 1).size()).isEqualTo(bodies[i].length);
                    assertThat(m.message(i + 1).internalDate()).isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
                }
                try (InputStream in = m.open(uids.get(1), 12, 10)) {
                    assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bodies[1], 12, 22));
                }
            }
            restart();
        }
    }

    @Test
    void keptPopUidlsStayWithTheirMessagesAcrossRestarts() throws IOException {
        AppendResult r = acct.append(box(), List.of(req(msg("Subject: 1\r\n\r\n"), Flags.NONE),
                req(msg("Subject: 2\r\n\r\n"), Flags.NONE), req(msg("Subject: 3\r\n\r\n"), Flags.NONE)));
        assertThat(acct.popUidls(box())).isEmpty();
        acct.addPopUidls(box(), r.uidValidity(), java.util.Map.of(r.uids().get(0), "AAA", r.uids().get(2), "c\"3\\"));
        acct.addPopUidls(box(), r.uidValidity(), java.util.Map.of(r.uids().get(0), "AAA-again"));
        restart();
        assertThat(acct.popUidls(box())).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of(r.uids().get(0), "AAA-again", r.uids().get(2), "c\"3\\"));
        assertThatThrownBy(() -> acct.addPopUidls(box(), r.uidValidity() + 1, java.util.Map.of(r.uids().get(1), "B")))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> acct.addPopUidls(box(), r.uidValidity(), java.util.Map.of(r.uids().get(1), "has space")))
                .isInstanceOf(StoreException.class);
        assertThat(acct.popUidls(box())).hasSize(2);
    }

    @Test
    void randomMessagesRoundTripAcrossRestarts() throws IOException {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        String[] atoms = {"From ", ">From ", "\n", "\r\n", "x", "From", ">", " ", "\n\n"};
        List<byte[]> bodies = new ArrayList<>();
        List<AppendRequest> reqs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(40); k > 0; k--) {
                sb.append(atoms[r.nextInt(atoms.length)]);
            }
            bodies.add(msg(sb.toString()));
            reqs.add(req(bodies.get(i), Flags.NONE));
        }
        List<Long> uids = acct.append(box(), reqs).uids();
        restart();
        try (Mailbox m = acct.open(box(), false)) {
            for (int i = 0; i < bodies.size(); i++) {
                assertThat(read(m, uids.get(i))).as("seed %d message %d", seed, i).isEqualTo(bodies.get(i));
            }
        }
    }

    @Test
    void flagsKeywordsAndModSeqsPersist() throws IOException {
        long uid;
        long uidValidity;
        try (Mailbox m = acct.open(box(), false)) {
            uid = m.append(List.of(req(msg("a\n"), Flags.of(Flag.SEEN)), req(msg("b\n"), Flags.NONE))).uids().get(0);
            m.poll();
            uidValidity = m.uidValidity();
            assertThat(m.message(1).flags().system()).containsExactly(Flag.SEEN);
            long ms0 = m.message(1).modSeq();
            StoreFlagsResult r = m.store(List.of(uid), FlagOp.ADD,
                    new Flags(Set.of(Flag.FLAGGED), Set.of("$Junk", "Work")), -1);
            assertThat(r.updated()).hasSize(1);
            assertThat(r.updated().get(0).modSeq()).isGreaterThan(ms0);
            assertThat(m.message(1).flags().keywords()).containsExactlyInAnyOrder("$Junk", "Work");
            // no change: no new modseq
            assertThat(m.store(List.of(uid), FlagOp.ADD, Flags.of(Flag.SEEN), -1).updated()).isEmpty();
            // CONDSTORE: unchangedsince below the current modseq fails for that message
            StoreFlagsResult c = m.store(List.of(uid), FlagOp.REMOVE, Flags.of(Flag.SEEN), ms0);
            assertThat(c.modified()).containsExactly(uid);
            assertThat(m.store(List.of(uid), FlagOp.REMOVE, new Flags(Set.of(), Set.of("work")), -1).updated())
                    .hasSize(1);
        }
        restart();
        try (Mailbox m = acct.open(box(), false)) {
            assertThat(m.uidValidity()).isEqualTo(uidValidity);
            assertThat(m.message(1).uid()).isEqualTo(uid);
            assertThat(m.message(1).flags().system()).containsExactlyInAnyOrder(Flag.SEEN, Flag.FLAGGED);
            assertThat(m.message(1).flags().keywords()).containsExactly("$Junk");
            assertThat(m.highestModSeq()).isGreaterThanOrEqualTo(m.message(1).modSeq());
            assertThat(m.message(2).flags()).isEqualTo(Flags.NONE);
        }
    }

    @Test
    void statusAfterARestartIsTheStatusBeforeIt() throws IOException {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        List<AppendRequest> reqs = new ArrayList<>();
        String[] kws = {"$Junk", "Work", "Later"};
        for (int i = 0; i < 40; i++) {
            Set<String> k = r.nextBoolean() ? Set.of() : Set.of(kws[r.nextInt(kws.length)]);
            reqs.add(req(msg("Subject: " + i + "\n\n" + "x".repeat(r.nextInt(300)) + "\n"),
                    new Flags(Flags.fromBits(r.nextInt(32)), k)));
        }
        List<Long> uids = acct.append(box(), reqs).uids();
        try (Mailbox m = acct.open(box(), false)) {
            m.store(List.of(uids.get(3), uids.get(7)), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
            m.expunge(null);
        }
        for (int pass = 0; pass < 3; pass++) {
            MailboxStatus before = acct.status(box());
            Set<String> kwBefore;
            List<MessageInfo> msgs;
            try (Mailbox m = acct.open(box(), true)) {
                kwBefore = m.keywords();
                msgs = List.copyOf(m.messages());
            }
            restart();
            MailboxStatus after = acct.status(box());
            assertThat(after).as("seed %d pass %d", seed, pass).usingRecursiveComparison().ignoringFields("recent")
                    .isEqualTo(before);
            assertThat(after.recent()).isZero();
            try (Mailbox m = acct.open(box(), false)) {
                Set<String> used = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                msgs.forEach(mi -> used.addAll(mi.flags().keywords()));
                // every keyword in use is there; one no message uses any more may be forgotten
                assertThat(m.keywords()).as("seed %d pass %d", seed, pass).containsAll(used);
                assertThat(kwBefore).containsAll(m.keywords());
                assertThat(m.messages()).as("seed %d pass %d", seed, pass).isEqualTo(msgs);
                // a change after the restart (journal) shows in the figures
                long uid = m.message(1 + r.nextInt(m.exists())).uid();
                m.store(List.of(uid), FlagOp.REPLACE, new Flags(Set.of(Flag.SEEN), Set.of("Fresh" + pass)), -1);
            }
            assertThat(acct.status(box()).unseen()).isEqualTo((int) acct.open(box(), true).messages().stream()
                    .filter(mi -> !mi.flags().has(Flag.SEEN)).count());
        }
    }

    @Test
    void expungeRemovesDeletedOnlyAndNeverReusesUids() throws IOException {
        List<AppendRequest> reqs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            reqs.add(req(msg("Subject: " + i + "\n\nbody " + i + "\nFrom x\n"), Flags.NONE));
        }
        List<Long> uids = acct.append(box(), reqs).uids();
        try (Mailbox m = acct.open(box(), false)) {
            m.store(List.of(uids.get(2), uids.get(5), uids.get(9)), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
            assertThat(m.expunge(List.of(uids.get(2), uids.get(4)))).containsExactly(uids.get(2));
            assertThat(m.expunge(null)).containsExactly(uids.get(5), uids.get(9));
            List<MailboxEvent> ev = m.poll();
            assertThat(ev).containsExactly(new MailboxEvent.Expunged(3, uids.get(2)),
                    new MailboxEvent.Expunged(5, uids.get(5)), new MailboxEvent.Expunged(8, uids.get(9)));
            assertThat(m.exists()).isEqualTo(7);
            assertThatThrownBy(() -> m.open(uids.get(2))).isInstanceOf(StoreException.class)
                    .matches(e -> ((StoreException) e).reason() == StoreException.Reason.EXPUNGED);
        }
        restart();
        try (Mailbox m = acct.open(box(), false)) {
            assertThat(m.exists()).isEqualTo(7);
            for (int i : new int[]{0, 1, 3, 4, 6, 7, 8}) {
                assertThat(new String(read(m, uids.get(i)), StandardCharsets.ISO_8859_1))
                        .isEqualTo("Subject: " + i + "\n\nbody " + i + "\nFrom x\n");
            }
            assertThat(m.uidNext()).isGreaterThan(uids.get(9));
            long next = m.append(List.of(req(msg("new\n"), Flags.NONE))).uids().get(0);
            assertThat(next).isGreaterThan(uids.get(9));
        }
    }

    @Test
    void sessionsSeeEachOthersChangesWhenTheyPoll() throws IOException {
        acct.append(box(), List.of(req(msg("1\n"), Flags.NONE), req(msg("2\n"), Flags.NONE)));
        try (Mailbox a = acct.open(box(), false); Mailbox b = acct.open(box(), false)) {
            int[] woke = {0};
            AutoCloseable sub = b.onChange(() -> woke[0]++);
            long u3 = a.append(List.of(req(msg("3\n"), Flags.NONE))).uids().get(0);
            assertThat(woke[0]).isPositive();
            assertThat(b.exists()).isEqualTo(2);
            assertThat(b.poll()).contains(new MailboxEvent.Exists(3));
            assertThat(b.exists()).isEqualTo(3);
            long u1 = b.message(1).uid();
            a.poll();
            a.store(List.of(u1), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
            List<MailboxEvent> ev = b.poll();
            assertThat(ev).hasSize(1);
            assertThat(ev.get(0)).isInstanceOfSatisfying(MailboxEvent.FlagsChanged.class,
                    f -> assertThat(f.message().flags().has(Flag.DELETED)).isTrue());
            a.expunge(null);
            assertThat(b.exists()).isEqualTo(3);
            assertThat(read(b, u3)).isEqualTo(msg("3\n"));
            assertThat(b.poll()).containsExactly(new MailboxEvent.Expunged(1, u1));
            assertThat(b.exists()).isEqualTo(2);
            assertThat(b.poll()).isEmpty();
            try {
                sub.close();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void copyAndMoveReturnUidMappings() throws IOException {
        acct.append(box(), List.of(req(msg("1\n"), Flags.of(Flag.FLAGGED)), req(msg("2\n"), Flags.NONE)));
        if (acct.config().inboxOnly()) {
            return;
        }
        acct.create("Archive");
        try (Mailbox m = acct.open(box(), false)) {
            List<Long> src = List.of(m.message(1).uid(), m.message(2).uid());
            CopyResult c = m.copy(src, "Archive");
            assertThat(c.sourceUids()).isEqualTo(src);
            assertThat(c.targetUids()).hasSize(2);
            assertThat(c.uidValidity()).isEqualTo(acct.status("Archive").uidValidity());
            CopyResult mv = m.move(List.of(src.get(0)), "Archive");
            assertThat(mv.targetUids().get(0)).isGreaterThan(c.targetUids().get(1));
            m.poll();
            assertThat(m.exists()).isEqualTo(1);
        }
        try (Mailbox a = acct.open("Archive", true)) {
            assertThat(a.exists()).isEqualTo(3);
            assertThat(a.message(1).flags().has(Flag.FLAGGED)).isTrue();
            assertThat(read(a, a.message(3).uid())).isEqualTo(msg("1\n"));
            assertThatThrownBy(() -> a.store(List.of(1L), FlagOp.ADD, Flags.of(Flag.SEEN), -1))
                    .isInstanceOf(StoreException.class);
        }
    }

    @Test
    void mailboxTreeCreateRenameDeleteAndSubscriptions() throws IOException {
        if (acct.config().inboxOnly()) {
            assertThatThrownBy(() -> acct.create("X")).isInstanceOf(StoreException.class);
            return;
        }
        acct.create("Lists/");
        acct.create("Lists/java");
        assertThatThrownBy(() -> acct.create("Lists/")).isInstanceOf(StoreException.class);
        acct.create("Projects/");
        acct.create("Work", MailboxFormat.MDIR, "IPF.Appointment");
        acct.create("odd.mbox%name");
        acct.subscribe("Lists/java");
        assertThatThrownBy(() -> acct.create("Work")).isInstanceOf(StoreException.class)
                .matches(e -> ((StoreException) e).reason() == StoreException.Reason.ALREADYEXISTS);
        assertThatThrownBy(() -> acct.delete("INBOX")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> acct.create("a//b")).isInstanceOf(StoreException.class);
        List<String> names = acct.list().stream().map(MailboxInfo::name).toList();
        assertThat(names).containsExactly("INBOX", "Lists", "Lists/java", "Projects", "Work", "odd.mbox%name");
        MailboxInfo lists = acct.info("Lists");
        assertThat(lists.selectable()).isFalse();
        assertThat(lists.hasChildren()).isTrue();
        assertThat(acct.mailboxClass("Work")).isEqualTo("IPF.Appointment");
        acct.append("Lists/java", List.of(req(msg("j\n"), Flags.NONE)));
        acct.rename("Lists", "Mailing/Lists");
        assertThat(acct.list().stream().map(MailboxInfo::name).toList())
                .contains("Mailing", "Mailing/Lists", "Mailing/Lists/java").doesNotContain("Lists/java");
        assertThat(acct.subscriptions()).containsExactly("Mailing/Lists/java");
        assertThat(acct.status("Mailing/Lists/java").messages()).isEqualTo(1);
        acct.setAcl("Work", "bob", "lrsc");
        acct.setAcl("Work", "anyone", "l");
        acct.setAcl("Work", "anyone", null);
        assertThatThrownBy(() -> acct.setAcl("Work", "bob", "lrZ")).isInstanceOf(StoreException.class);
        restart();
        assertThat(acct.acl("Work")).containsExactlyEntriesOf(java.util.Map.of("bob", "lrskx"));
        acct.delete("Work");
        assertThat(acct.info("Work")).isNull();
        acct.create("Work");
        assertThat(acct.acl("Work")).isEmpty();
        assertThatThrownBy(() -> acct.delete("Mailing")).isInstanceOf(StoreException.class);
        acct.delete("Mailing/Lists/java");
        acct.delete("Mailing/Lists");
        acct.delete("Mailing");
        assertThat(acct.info("Mailing")).isNull();
    }

    @Test
    void renamingInboxMovesItsMessagesAndLeavesItEmpty() throws IOException {
        if (acct.config().inboxOnly()) {
            return;
        }
        acct.append("INBOX", List.of(req(msg("1\n"), Flags.of(Flag.SEEN)), req(msg("2\n"), Flags.NONE)));
        acct.rename("INBOX", "Old");
        assertThat(acct.status("INBOX").messages()).isZero();
        assertThat(acct.status("Old").messages()).isEqualTo(2);
    }

    @Test
    void aMailboxCanBeCreatedWithTheUidValidityAndUidsOfASource() throws IOException {
        acct.create("Moved", null, null, 3_000_000_123L);
        AppendResult r = acct.append("Moved", List.of(req(msg("a\n"), Flags.NONE).withUid(5),
                req(msg("b\n"), Flags.of(Flag.SEEN)).withUid(9), req(msg("c\n"), Flags.NONE)));
        assertThat(r.uidValidity()).isEqualTo(3_000_000_123L);
        assertThat(r.uids()).containsExactly(5L, 9L, 10L);
        assertThat(acct.status("Moved").uidNext()).isEqualTo(11);
        restart();
        try (Mailbox m = acct.open("Moved", false)) {
            assertThat(m.uidValidity()).isEqualTo(3_000_000_123L);
            assertThat(m.messages()).extracting(MessageInfo::uid).containsExactly(5L, 9L, 10L);
            assertThat(read(m, 9)).isEqualTo(msg("b\n"));
            assertThat(m.uidNext()).isEqualTo(11);
            // a UID must be above every UID given so far, also those of expunged messages
            m.store(List.of(10L), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
            m.expunge(null);
            for (long bad : new long[]{7, 10}) {
                assertThatThrownBy(() -> m.append(List.of(req(msg("x\n"), Flags.NONE).withUid(bad))))
                        .isInstanceOf(StoreException.class)
                        .matches(e -> ((StoreException) e).reason() == StoreException.Reason.UIDNOTALLOWED);
            }
            // all or nothing: a bad UID after a good one stores neither
            assertThatThrownBy(() -> m.append(List.of(req(msg("y\n"), Flags.NONE).withUid(20),
                    req(msg("z\n"), Flags.NONE).withUid(20)))).isInstanceOf(StoreException.class);
            assertThat(m.append(List.of(req(msg("w\n"), Flags.NONE).withUid(11))).uids()).containsExactly(11L);
            m.poll();
            assertThat(m.messages()).extracting(MessageInfo::uid).containsExactly(5L, 9L, 11L);
            assertThat(m.append(List.of(req(msg("v\n"), Flags.NONE).withUid(AppendRequest.MAX_UID))).uids())
                    .containsExactly(AppendRequest.MAX_UID);
            assertThatThrownBy(() -> m.append(List.of(req(msg("u\n"), Flags.NONE))))
                    .isInstanceOf(StoreException.class);
        }
        assertThatThrownBy(() -> acct.create("Bad", null, null, 1L << 32)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> req(msg("x"), Flags.NONE).withUid(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyMailboxTakesANewUidValidityAndStartsItsUidsAgain() throws IOException {
        List<Long> uids = acct.append(box(), List.of(req(msg("a\n"), Flags.NONE), req(msg("b\n"), Flags.NONE))).uids();
        try (Mailbox watcher = acct.open(box(), false)) {
            assertThatThrownBy(() -> acct.resetUidValidity(box(), 77)).isInstanceOf(StoreException.class)
                    .matches(e -> ((StoreException) e).reason() == StoreException.Reason.UIDNOTALLOWED);
            watcher.store(uids, FlagOp.ADD, Flags.of(Flag.DELETED), -1);
            watcher.expunge(null);
            watcher.poll();
            acct.resetUidValidity(box(), 77);
            assertThat(watcher.poll()).containsExactly(new MailboxEvent.UidValidityChanged(77));
        }
        assertThat(acct.status(box()).uidNext()).isEqualTo(1);
        assertThat(acct.append(box(), List.of(req(msg("c\n"), Flags.NONE).withUid(1))).uids()).containsExactly(1L);
        restart();
        MailboxStatus st = acct.status(box());
        assertThat(st.uidValidity()).isEqualTo(77);
        assertThat(st.uidNext()).isEqualTo(2);
        try (Mailbox m = acct.open(box(), true)) {
            assertThat(read(m, 1)).isEqualTo(msg("c\n"));
            assertThat(m.message(1).flags()).as("no flag of the old UID 1").isEqualTo(Flags.NONE);
        }
        acct.resetUidValidity(box(), 77); // the same UIDVALIDITY: nothing changes, not even for a non-empty box
        assertThat(acct.status(box()).uidNext()).isEqualTo(2);
    }

    @Test
    void limitsGiveClearErrorsAndMultiAppendIsAllOrNothing() throws IOException {
        store.close();
        store = new MailStore();
        acct = store.account(tmp.resolve("alice.macnt"), config(tmp).withLimits(100, 150, -1));
        byte[] big = new byte[101];
        assertThatThrownBy(() -> acct.append(box(), List.of(req(msg("ok\n"), Flags.NONE), req(big, Flags.NONE))))
                .isInstanceOf(StoreException.class)
                .matches(e -> ((StoreException) e).reason() == StoreException.Reason.TOOBIG);
        assertThatThrownBy(() -> acct.append(box(), List.of(AppendRequest.of(
                MessageSource.ofStream(new java.io.ByteArrayInputStream(big), -1)))))
                .isInstanceOf(StoreException.class)
                .matches(e -> ((StoreException) e).reason() == StoreException.Reason.TOOBIG);
        assertThat(acct.status(box()).messages()).isZero();
        acct.append(box(), List.of(req(new byte[90], Flags.NONE)));
        assertThatThrownBy(() -> acct.deliver(box(), MessageSource.ofBytes(new byte[90]), null))
                .isInstanceOf(StoreException.class)
                .matches(e -> ((StoreException) e).reason() == StoreException.Reason.OVERQUOTA);
        assertThat(acct.quota().bytes()).isEqualTo(90);
    }

    @Test
    void deliveryIsDurableAndStreamsMessagesOfUnknownSize() throws IOException {
        byte[] b = new byte[3 << 20];
        new Random(1).nextBytes(b);
        long uid = acct.deliver("INBOX", MessageSource.ofStream(new java.io.ByteArrayInputStream(b), -1),
                "<carol@example.net>");
        restart();
        try (Mailbox m = acct.open("INBOX", true)) {
            assertThat(read(m, uid)).isEqualTo(b);
        }
    }
}
