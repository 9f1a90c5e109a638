package org.mailferry.migrate.importers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailferry.data.DataFormat;

/**
 * {@code mailferry import aliases}: an aliases file with every construct aliases(5) has, read by our parser and by
 * Postfix's postalias (the same names, the same targets), then imported into a real server: account aliases
 * (directly and through chains), forwarders, groups (also from :include:), rules with the Execute action, the
 * entries that cannot be mapped, and an idempotent rerun.
 */
class AliasesImportTest extends WithServer {
    static Path aliases;

    @BeforeAll
    static void start() throws IOException {
        for (String a : List.of("alice", "bob", "carol")) {
            server.cli("CREATEACCOUNT " + a);
        }
        Path list = dir.resolve("staff.list");
        Files.writeString(list, "# members\nalice\nbob, outside@partner.org\n\"|/bin/cat\"\n");
        aliases = dir.resolve("aliases");
        Files.writeString(aliases, String.join("\n",
                "# sendmail aliases",
                "mailer-daemon: postmaster",
                "postmaster: root",
                "root: alice",
                "nobody: root",
                "abuse:\troot",
                "\"Office.Manager\": carol",
                "al: alice@example.test",
                "external: someone@elsewhere.org",
                "staff: alice, bob,",
                "\toutside@partner.org",
                "# a comment between continuation lines",
                "  , \"Carol C\" <carol@localhost> (the boss)",
                "list: :include:" + list,
                "owner-list: alice",
                "list-request: bob",
                "bob: \\bob, \"|/usr/bin/vacation bob\"",
                "carol: carol@forward.example.org",
                "majordomo: \"|/usr/lib/majordomo/wrapper majordomo\"",
                "archive: /var/spool/archive/mail",
                "mixed: alice, /var/log/copy",
                "dangling: nosuchuser",
                "badline without colon",
                "loop1: loop2",
                "loop2: loop1",
                "UPPER: Alice") + "\n");
    }

    @Test
    void postfixReadsTheSameNamesAndTargets() throws Exception {
        Path copy = dir.resolve("pf").resolve("aliases");
        Files.createDirectories(copy.getParent());
        Files.copy(aliases, copy);
        Tools.run("postalias", copy.toString());
        AliasesFile.Parsed ours = AliasesFile.read(aliases);
        Set<String> postfixNames = new HashSet<>();
        for (String l : Tools.run("postalias", "-s", copy.toString()).split("\n")) {
            String n = l.substring(0, l.indexOf(':'));
            if (!n.equals("@") && !n.startsWith("YP_")) {
                postfixNames.add(n);
            }
        }
        assertThat(postfixNames).containsExactlyInAnyOrderElementsOf(
                ours.aliases().stream().map(AliasesFile.Alias::name).toList());
        for (AliasesFile.Alias a : ours.aliases()) {
            String value = Tools.run("postalias", "-q", a.name(), copy.toString());
            List<AliasesFile.Target> theirs = new ArrayList<>();
            AliasesFile.split(value).forEach(v -> theirs.add(AliasesFile.target(v)));
            // Postfix keeps \name as name: its local(8) never expands an alias into itself, which is what \ says
            List<AliasesFile.Target> mine = a.targets().stream().map(t -> t instanceof AliasesFile.Local l
                    ? new AliasesFile.Local(l.name(), false) : t).toList();
            assertThat(mine).as("%s: ours %s, postalias -q says %s", a.name(), a.value(), value).isEqualTo(theirs);
        }
        assertThat(ours.bad()).extracting(b -> b.source().line()).containsExactly(23);
    }

    @Test
    void everyEntryBecomesWhatTheSeedSaysAndARerunChangesNothing() throws Exception {
        ImportServer.Run dry = server.run("aliases", aliases.toString(), "--dry-run");
        assertThat(dry.out()).contains("would create 17, would update 0, would skip 1, would fail 4");
        assertThat(server.cli("GETACCOUNTALIASES alice")).isEqualTo(List.of());

        ImportServer.Run run = server.run("aliases", aliases.toString());
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        String f = aliases.toString();
        assertThat(run.lineOf("alias mailer-daemon@example.test")).startsWith(f + ":2").contains(
                "created: of account postmaster@example.test");
        assertThat(run.lineOf("rule postmaster@example.test")).startsWith(f + ":3").contains(
                "created: rule \"Imported from aliases\" ((\"Redirect to\",root),(Discard))",
                "[stored, runs once rules land]");
        assertThat(run.lineOf("alias nobody@example.test")).contains("of account alice@example.test",
                "[through nobody -> root -> alice]");
        assertThat(run.lineOf("alias office.manager@example.test")).contains("of account carol@example.test");
        assertThat(run.lineOf("forwarder external@example.test")).contains("created: to someone@elsewhere.org");
        assertThat(run.lineOf("group staff@example.test")).startsWith(f + ":10").contains(
                "4 members: alice, bob, outside@partner.org, carol");
        assertThat(run.lineOf("group list@example.test")).contains("3 members: alice, bob, outside@partner.org",
                "staff.list:4: \"|/bin/cat\" cannot be a group member: left out");
        assertThat(run.lineOf("alias owner-list@example.test")).contains("sendmail sends delivery errors of list");
        assertThat(run.lineOf("alias list-request@example.test")).contains("the request address of the list list");
        assertThat(run.lineOf("rule bob@example.test")).contains(
                "((Execute,\"[stdin] /usr/bin/vacation bob\"))").doesNotContain("Discard");
        assertThat(run.lineOf("rule carol@example.test")).contains(
                "((\"Redirect to\",\"carol@forward.example.org\"),(Discard))");
        assertThat(run.lineOf("rule majordomo@example.test")).contains("new account without a password",
                "Execute", "Discard");
        assertThat(run.lineOf("entry archive")).contains("unmapped: only file deliveries");
        assertThat(run.lineOf("alias mixed@example.test")).contains("created",
                "[delivery to /var/log/copy has no equivalent here: not imported]");
        assertThat(run.lineOf("entry dangling")).contains("failed: no account named nosuchuser");
        assertThat(run.lineOf("entry badline without colon")).startsWith(f + ":23").contains("failed: no ':'");
        assertThat(run.lineOf("entry loop1")).contains("failed: an alias loop: loop1 -> loop2 -> loop1");
        assertThat(run.out()).contains("created 17, updated 0, skipped 1, failed 4");

        assertThat(server.cli("GETACCOUNTALIASES alice")).isEqualTo(List.of("root", "nobody", "abuse", "al",
                "owner-list", "mixed", "upper"));
        assertThat(server.cli("GETACCOUNTALIASES bob")).isEqualTo(List.of("list-request"));
        assertThat(server.cli("GETFORWARDER external")).isEqualTo("someone@elsewhere.org");
        assertThat(((Map<?, ?>) server.cli("GETGROUP list")).get("Members")).isEqualTo(List.of("alice", "bob",
                "outside@partner.org"));
        assertThat(DataFormat.print(((Map<?, ?>) server.cli("GETACCOUNTSETTINGS majordomo")).get("Rules")))
                .isEqualTo("((5,\"Imported from aliases\",(),((Execute,\"[stdin] /usr/lib/majordomo/wrapper "
                        + "majordomo\"),(Discard))))");
        assertThat(server.verifies("majordomo", "")).isFalse();

        ImportServer.Run again = server.run("aliases", aliases.toString(), "--update");
        assertThat(again.out()).contains("created 0, updated 0, skipped 18, failed 4");
        assertThat(again.lineOf("alias root@example.test")).contains("unchanged: already an alias of alice");
        assertThat(again.lineOf("rule majordomo@example.test")).contains("unchanged");
    }
}
