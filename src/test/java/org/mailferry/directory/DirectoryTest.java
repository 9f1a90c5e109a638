package org.mailferry.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTest {
    @TempDir
    Path base;

    private Directory current;

    /** Opens the directory, closing the one opened before (only one process may hold a base directory). */
    private Directory open() throws Exception {
        if (current != null) {
            current.close();
        }
        current = Directory.open(base, "Example.TEST", PasswordCodec.CLEAR_ONLY);
        return current;
    }

    @org.junit.jupiter.api.AfterEach
    void closeDirectory() {
        if (current != null) {
            current.close();
        }
    }

    @Test
    void secondOpenOfTheSameBaseIsRefused() throws Exception {
        open();
        assertThatThrownBy(() -> Directory.open(base, "x.example", PasswordCodec.CLEAR_ONLY))
                .hasMessageContaining("in use by another Mailferry process");
    }

    @Test
    void journalReplaysChangesWhoseFilesWereLost() throws Exception {
        Directory d = open();
        d.mainDomain().createAccount("j", null, false, Map.of("RealName", "J"));
        // simulate a crash before the checkpoint: the journal survived, the settings file never reached the disk
        java.nio.file.Files.copy(base.resolve("Settings").resolve(journalSegment()), base.resolve("saved-journal"));
        d.close();
        current = null;
        java.nio.file.Files.copy(base.resolve("saved-journal"), base.resolve("Settings/directory.journal.7"));
        java.nio.file.Files.delete(base.resolve("Accounts/j.macnt/account.settings"));
        assertThat(open().mainDomain().account("j").settings()).containsEntry("RealName", "J");
        assertThat(base.resolve("Settings/directory.journal.7")).as("kept until flushed").exists();
        current.checkpoint();
        assertThat(base.resolve("Settings/directory.journal.7")).doesNotExist();
    }

    private String journalSegment() throws Exception {
        try (var s = java.nio.file.Files.list(base.resolve("Settings"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("directory.journal."))
                    .findFirst().orElseThrow();
        }
    }

    @Test
    void layoutIsCgpLikeAndSurvivesReopen() throws Exception {
        Directory d = open();
        assertThat(d.created()).isTrue();
        d.mainDomain().createAccount("Alice", AccountType.MailDirMailbox, true, Map.of("RealName", "Alice A"));
        d.createDomain("client1.com", Map.of("Note", "x"));
        d.domain("client1.com").createAccount("bob", null, false, Map.of());
        d.setDomainAliases("client1.com", List.of("client1.net"));
        d.mainDomain().setAccountAliases("alice", List.of("al"));
        d.mainDomain().createForwarder("fw", "someone@elsewhere.example");
        d.mainDomain().createGroup("team", Map.of("Members", List.of("alice", "bob@client1.com")));

        assertThat(base.resolve("Settings/Main.settings")).exists();
        assertThat(base.resolve("Accounts/alice.macnt/account.settings")).exists();
        assertThat(base.resolve("Domains/client1.com/bob.macnt/account.settings")).exists();
        assertThat(base.resolve("Domains/client1.com/domain.settings")).exists();

        Directory again = open();
        assertThat(again.created()).isFalse();
        assertThat(again.mainDomain().name()).isEqualTo("example.test");
        assertThat(again.domainNames()).containsExactly("example.test", "client1.com");
        Account alice = again.findAccount("AL").orElseThrow();
        assertThat(alice.name()).isEqualTo("alice");
        assertThat(alice.type()).isEqualTo(AccountType.MailDirMailbox);
        assertThat(alice.settings()).containsEntry("RealName", "Alice A").containsEntry("LegacyINBOX", "YES");
        assertThat(again.findAccount("bob@client1.net")).isPresent();
        assertThat(again.mainDomain().forwarder("FW").address()).isEqualTo("someone@elsewhere.example");
        assertThat(again.mainDomain().group("team")).containsEntry("Members", List.of("alice", "bob@client1.com"));
    }

    @Test
    void oneNameSpacePerDomainAndCaseInsensitiveNames() throws Exception {
        Directory d = open();
        Domain m = d.mainDomain();
        m.createAccount("john.smith", null, false, Map.of());
        m.setAccountAliases("John.Smith", List.of("J.Smith"));
        assertThatThrownBy(() -> m.createAccount("j.smith", null, false, Map.of()))
                .hasMessage("an account alias named j.smith already exists in example.test");
        assertThatThrownBy(() -> m.createForwarder("JOHN.SMITH", "x@y.example"))
                .hasMessage("an account named john.smith already exists in example.test");
        m.createGroup("g", Map.of());
        assertThatThrownBy(() -> m.setAccountAliases("john.smith", List.of("g")))
                .hasMessageContaining("a group with this name already exists");
        assertThat(m.findAccount("J.SMITH")).map(Account::name).contains("john.smith");
        // another domain has its own name space
        d.createDomain("other.example", Map.of());
        d.domain("other.example").createAccount("j.smith", null, false, Map.of());
    }

    @Test
    void renameKeepsAliasesAndDeleteRemovesThem() throws Exception {
        Directory d = open();
        Domain m = d.mainDomain();
        m.createAccount("a", null, false, Map.of("RealName", "A"));
        m.setAccountAliases("a", List.of("x", "y"));
        m.renameAccount("a", "b");
        assertThat(m.findAccount("x")).map(Account::name).contains("b");
        assertThat(m.account("b").settings()).containsEntry("RealName", "A");
        assertThat(base.resolve("Accounts/a.macnt")).doesNotExist();
        m.deleteAccount("b");
        assertThat(m.find("x")).isEmpty();
        assertThat(open().mainDomain().find("y")).isEmpty();
        assertThat(base.resolve("Accounts/b.macnt")).doesNotExist();
    }

    @Test
    void accountMovesAcrossDomains() throws Exception {
        Directory d = open();
        d.createDomain("new.example", Map.of());
        d.mainDomain().createAccount("mover", null, false, Map.of("RealName", "M"));
        d.renameAccount("mover", "moved@new.example");
        assertThat(d.mainDomain().find("mover")).isEmpty();
        assertThat(open().account("moved@new.example").settings()).containsEntry("RealName", "M");
    }

    @Test
    void templateAppliesAtCreationAndDefaultsApplyLive() throws Exception {
        Domain m = open().mainDomain();
        m.updateAccountTemplate(Map.of("RealName", "T", "MaxAccountSize", "10M"), false);
        m.createAccount("t", null, false, Map.of("MaxAccountSize", "20M"));
        assertThat(m.account("t").settings()).containsEntry("RealName", "T").containsEntry("MaxAccountSize", "20M");
        m.updateAccountDefaults(Map.of("RequireAPOP", "YES"), false);
        assertThat(m.account("t").effectiveSettings()).containsEntry("RequireAPOP", "YES");
        m.account("t").updateSettings(Map.of("RequireAPOP", "NO", "RealName", "default"));
        assertThat(m.account("t").effectiveSettings()).containsEntry("RequireAPOP", "NO").doesNotContainKey("RealName");
    }

    @Test
    void leftoversOfInterruptedChangesAreRemovedAtStart() throws Exception {
        open();
        Files.createDirectories(base.resolve("Accounts/.tmp-half.macnt-1234"));
        Files.createDirectories(base.resolve("Accounts/.deleted-gone.macnt-99/INBOX.mdir"));
        Directory again = open();
        assertThat(again.mainDomain().accountNames()).isEmpty();
        assertThat(base.resolve("Accounts/.tmp-half.macnt-1234")).doesNotExist();
        assertThat(base.resolve("Accounts/.deleted-gone.macnt-99")).doesNotExist();
    }

    @Test
    void badNamesAreRefusedWithTheReason() throws Exception {
        Domain m = open().mainDomain();
        assertThatThrownBy(() -> m.createAccount("a b", null, false, Map.of())).hasMessageContaining("contains ' '");
        assertThatThrownBy(() -> m.createAccount("end.", null, false, Map.of())).hasMessageContaining("ends with a dot");
        assertThatThrownBy(() -> m.createAccount("x".repeat(200), null, false, Map.of())).hasMessageContaining("longer");
        assertThatThrownBy(() -> m.createForwarder("f", "a b@c")).hasMessageContaining("not allowed");
        assertThat(m.accountNames()).isEmpty();
    }
}
