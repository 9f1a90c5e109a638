package org.mailferry.migrate.importers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code mailferry import accounts} against a real server over the CLI: the seed's sample file with real hashes
 * logs in with the original passwords, reruns change nothing, --dry-run writes nothing, secondary domains, bad
 * lines with file:line, --update, --all-or-nothing with its rollback, and the JSON report read by Python.
 */
class AccountsImportTest extends WithServer {

    private static Path file(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void seedSampleImportsAndEveryAccountLogsInWithItsOriginalPassword() throws Exception {
        Path sample = Path.of("src/test/resources/importers/seed-sample.tab");
        Map<String, String> passwords = Map.of("user2", "user2-pw", "user1", "user1 secret", "user3", "user3#pw",
                "user4", "user4pw!", "user5", "user5 Mot de passe");
        ImportServer.Run dry = server.run("accounts", sample.toString(), "--dry-run");
        assertThat(dry.exit()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.lineOf("account user5@example.test")).contains("would create", "Password (MD5-CRYPT)");
        assertThat(dry.out()).contains("would create 5, would update 0, would skip 0, would fail 0");
        assertThat(server.verifies("user1", "user1 secret")).as("dry run wrote nothing").isFalse();

        ImportServer.Run run = server.run("accounts", sample.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("created 5, updated 0, skipped 0, failed 0");
        assertThat(run.lineOf("account user2@example.test")).contains("created", "Password (DES-CRYPT)");
        assertThat(run.lineOf("account user1@example.test")).contains("Password (SHA)");
        assertThat(run.lineOf("account user3@example.test")).contains("Password (LDAP-MD5)");
        for (var e : passwords.entrySet()) {
            assertThat(server.verifies(e.getKey(), e.getValue())).as("%s logs in", e.getKey()).isTrue();
            assertThat(server.verifies(e.getKey(), "X" + e.getValue().substring(1))).as("%s wrong password", e.getKey())
                    .isFalse();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) server.cli("GETACCOUNTSETTINGS user5");
        assertThat(settings.get("Password")).isEqualTo("\u0002$1$VlPrB$7Hj7DvbKMF6vldxUUPbyk.");

        ImportServer.Run again = server.run("accounts", sample.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("created 0, updated 0, skipped 5, failed 0");
        assertThat(again.lineOf("account user4@example.test")).contains("exists, skipped");
        ImportServer.Run update = server.run("accounts", sample.toString(), "--update");
        assertThat(update.out()).contains("created 0, updated 0, skipped 5, failed 0");
        assertThat(update.lineOf("account user4@example.test")).contains("unchanged");
        assertThat(server.cli("GETACCOUNTSETTINGS user5")).isEqualTo(settings);
    }

    @Test
    void hashesMadeNowByMkpasswdHtpasswdAndOpensslLogIn() throws Exception {
        record Made(String name, String password, String hash) {
        }
        List<Made> made = List.of(
                new Made("tyes", "yes-crypt pw", Tools.run("mkpasswd", "-m", "yescrypt", "yes-crypt pw")),
                new Made("tsha512", "sha 512", Tools.run("mkpasswd", "-m", "sha512crypt", "sha 512")),
                new Made("tsha256", "sha-256", Tools.run("openssl", "passwd", "-5", "sha-256")),
                new Made("tbcrypt", "blow fish", Tools.htpasswd("-nbB", "blow fish")),
                new Made("tapr1", "apache", Tools.htpasswd("-nbm", "apache")),
                new Made("tsha", "htsha", Tools.htpasswd("-nbs", "htsha")),
                new Made("tssha", "salted", Tools.ssha("salted")));
        StringBuilder sb = new StringBuilder("NAME\tunixpassword\tRealName\n");
        made.forEach(m -> sb.append(m.name()).append('\t').append(m.hash()).append('\t').append("User ")
                .append(m.name()).append('\n'));
        Path f = dir.resolve("tools.tab");
        Files.writeString(f, sb);
        ImportServer.Run run = server.run("accounts", f.toString(), "--parallel", "3");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("created " + made.size() + ", updated 0, skipped 0, failed 0");
        for (Made m : made) {
            assertThat(server.verifies(m.name(), m.password())).as("%s (%s)", m.name(), m.hash()).isTrue();
            assertThat(server.verifies(m.name(), "Z" + m.password())).as("%s wrong", m.name()).isFalse();
        }
        assertThat(server.cli("GETACCOUNTSETTINGS tssha").toString()).contains("RealName=User tssha");
    }

    @Test
    void badLinesAreReportedWithFileAndLineAndNothingOfThemIsWritten() throws Exception {
        server.cli("CREATEFORWARDER taken TO someone@example.org");
        Path f = file("bad.tab",
                "Name\tPassword\tUnixPassword\tLimit\tColor\trealname",
                "good1\tpw-one\t\t10K\tred\tGood One",
                "short\tpw",
                "badhash\t\t{FOO}abcdef\t\t\t",
                "bad name\tpw\t\t\t\t",
                "taken\tpw\t\t\t\t",
                "good1\tpw\t\t\t\t",
                "seedmd5\t\t{MD5}zverMUhsgJUIDjeytr2=\t\t\t",
                "",
                "good2\t\t$6$rounds=5000$abcdefgh$" + "x".repeat(86) + "\t\t\t", "md5short\t\t$1$abc$tooshort\t\t\t");
        ImportServer.Run run = server.run("accounts", f.toString());
        assertThat(run.exit()).isEqualTo(1);
        String where = f.toString();
        assertThat(run.out()).contains(where + ":3  entry line  failed: 2 fields, but the first line names 6");
        assertThat(run.lineOf("entry badhash")).startsWith(where + ":4").contains("failed: UnixPassword:");
        assertThat(run.lineOf("entry bad name")).startsWith(where + ":5").contains("contains ' '");
        assertThat(run.lineOf("account taken@example.test")).startsWith(where + ":6")
                .contains("failed: a forwarder with this name exists");
        assertThat(run.out()).contains(where + ":7  account good1@example.test  failed: good1@example.test is "
                + "already an account from " + where + ":2");
        assertThat(run.lineOf("entry seedmd5")).startsWith(where + ":8").contains("UnixPassword:");
        assertThat(run.lineOf("account good2@example.test")).startsWith(where + ":10").contains("created");
        assertThat(run.lineOf("entry md5short")).startsWith(where + ":11").contains("failed: UnixPassword:");
        assertThat(run.out()).containsOnlyOnce("the fields Limit, Color are not account settings");
        assertThat(run.out()).contains("created 2, updated 0, skipped 0, failed 7");
        assertThat(server.verifies("good1", "pw-one")).isTrue();
        assertThat(server.cli("LISTACCOUNTS").toString()).doesNotContain("short", "badhash", "seedmd5", "md5short");
        assertThat(server.cli("GETFORWARDER taken")).isEqualTo("someone@example.org");
        assertThat(run.out()).doesNotContain("pw-one", "{FOO}abcdef");
    }

    @Test
    void newNameWithDomainGoesToThatSecondaryDomainOnlyWhenItExistsOrIsAsked() throws Exception {
        Path f = file("secondary.tab", "Name\tNewName\tPassword", "carol\tcarol@second.test\tcarol-pw",
                "dave\t\tdave-pw");
        ImportServer.Run run = server.run("accounts", f.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.lineOf("account carol@second.test")).contains("failed: the domain second.test does not exist "
                + "(--create-domains creates it)");
        assertThat(run.lineOf("account dave@example.test")).contains("created");
        assertThat(server.cli("LISTDOMAINS").toString()).doesNotContain("second.test");

        ImportServer.Run again = server.run("accounts", f.toString(), "--create-domains");
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.lineOf("domain second.test")).contains("created");
        assertThat(again.lineOf("account carol@second.test")).contains("created");
        assertThat(server.verifies("carol@second.test", "carol-pw")).isTrue();
        assertThat(server.cli("LISTACCOUNTS").toString()).doesNotContain("carol");

        Path other = file("other.tab", "Name\tPassword", "erin\terin-pw");
        ImportServer.Run inDomain = server.run("accounts", other.toString(), "--domain", "second.test");
        assertThat(inDomain.lineOf("account erin@second.test")).contains("created");
    }

    @Test
    void updateChangesWhatDiffersAndNothingElse() throws Exception {
        Path f = file("upd1.tab", "Name\tPassword\tRealName\tAliases", "frank\tfrank-pw\tFrank\tfr, f.rank");
        assertThat(server.run("accounts", f.toString()).exit()).isZero();
        assertThat(server.cli("GETACCOUNTALIASES frank")).isEqualTo(List.of("fr", "f.rank"));
        Path g = file("upd2.tab", "Name\tPassword\tRealName\tAliases", "frank\tfrank-pw\tFrank Smith\tfs");
        ImportServer.Run dry = server.run("accounts", g.toString(), "--update", "--dry-run");
        assertThat(dry.lineOf("account frank@example.test")).contains("would update: changes RealName=\"Frank "
                + "Smith\", aliases fs").doesNotContain("Password");
        ImportServer.Run run = server.run("accounts", g.toString(), "--update");
        assertThat(run.lineOf("account frank@example.test")).contains("updated");
        assertThat(server.cli("GETACCOUNTSETTINGS frank").toString()).contains("Frank Smith");
        assertThat(server.cli("GETACCOUNTALIASES frank")).isEqualTo(List.of("fr", "f.rank", "fs"));
        Path h = file("upd3.tab", "Name\tPassword", "frank\tnew-frank-pw");
        assertThat(server.run("accounts", h.toString(), "--update").lineOf("account frank@example.test"))
                .contains("updated: changes Password (clear");
        assertThat(server.verifies("frank", "new-frank-pw")).isTrue();
        assertThat(server.run("accounts", h.toString(), "--update").lineOf("account frank@example.test"))
                .contains("unchanged");
    }

    @Test
    void updateNeverPutsBackAnImportedHashOverANewerPassword() throws Exception {
        String hash = Tools.run("openssl", "passwd", "-1", "old-pw");
        Path f = file("keep.tab", "Name\tUnixPassword", "nina\t" + hash);
        assertThat(server.run("accounts", f.toString()).exit()).isZero();
        server.cli("SETACCOUNTPASSWORD nina PASSWORD new-pw");
        ImportServer.Run run = server.run("accounts", f.toString(), "--update");
        assertThat(run.lineOf("account nina@example.test")).contains("unchanged", "[Password kept: the account has "
                + "an A-crpt password");
        assertThat(server.verifies("nina", "new-pw")).isTrue();
        assertThat(server.verifies("nina", "old-pw")).isFalse();
    }

    @Test
    void allOrNothingWritesNothingWhenALineIsBadAndRollsBackWhenTheServerRefuses() throws Exception {
        Path f = file("aon.tab", "Name\tPassword", "gina\tgina-pw", "hal\t", "bad/name\tx");
        ImportServer.Run run = server.run("accounts", f.toString(), "--all-or-nothing");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.lineOf("account gina@example.test")).contains("not written");
        assertThat(run.out()).contains("--all-or-nothing: nothing was kept");
        assertThat(server.cli("LISTACCOUNTS").toString()).doesNotContain("gina", "hal");

        // an alias clash only the server sees (aliases of other accounts are not listed): rolled back
        server.cli("CREATEACCOUNT ida");
        server.cli("SETACCOUNTALIASES ida (jj)");
        Path g = file("aon2.tab", "Name\tPassword\tAliases", "jack\tjack-pw\t", "jill\tjill-pw\tjj",
                "kim\tkim-pw\t");
        ImportServer.Run run2 = server.run("accounts", g.toString(), "--all-or-nothing", "--parallel", "1");
        assertThat(run2.exit()).isEqualTo(1);
        assertThat(run2.lineOf("account jill@example.test")).contains("failed: SETACCOUNTALIASES:");
        assertThat(run2.lineOf("account jack@example.test")).contains("rolled back");
        assertThat(run2.lineOf("account kim@example.test")).contains("rolled back");
        assertThat(server.cli("LISTACCOUNTS").toString()).doesNotContain("jack", "jill", "kim");

        ImportServer.Run run3 = server.run("accounts", g.toString());
        assertThat(run3.out()).contains("created 2, updated 0, skipped 0, failed 1");
        assertThat(server.cli("LISTACCOUNTS").toString()).contains("jack", "kim").doesNotContain("jill");
    }

    @Test
    void jsonReportIsJsonToPython() throws Exception {
        Path f = file("json.tab", "Name\tPassword\tRealName", "lena\tlena-pw\tLéna \"Q\" \\ Test", "bad name\tx\t");
        ImportServer.Run run = server.run("accounts", f.toString(), "--json");
        assertThat(run.exit()).isEqualTo(1);
        String summary = Tools.pythonJson(run.out(), "d['summary']['created'], d['summary']['failed'], "
                + "d['entries'][0]['object'], d['entries'][0]['detail'], d['entries'][1]['result']");
        assertThat(summary).isEqualTo("1 1 lena@example.test RealName=\"Léna \\\"Q\\\" \\\\ Test\", Password "
                + "(clear; stored with the account's PasswordEncryption) failed");
    }

    @Test
    void unreadableInputIsExitTwoAndNoServerIsExitThree() throws Exception {
        Path noName = file("noname.tab", "Login\tPassword", "x\ty");
        ImportServer.Run run = server.run("accounts", noName.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(noName + ":1: no Name field; the first line names Login, Password");
        Path twice = file("twice.tab", "Name\tname", "x\ty");
        assertThat(server.run("accounts", twice.toString()).err()).contains(":1: the field name is named twice");
        assertThat(server.run("accounts", dir.resolve("missing.tab").toString()).err()).contains("no such file");
        Path ok = file("ok.tab", "Name", "nobody1");
        var c = new org.mailferry.app.ImportCommand();
        var cmd = new picocli.CommandLine(c);
        var err = new java.io.StringWriter();
        cmd.setErr(new java.io.PrintWriter(err, true));
        cmd.setOut(new java.io.PrintWriter(new java.io.StringWriter(), true));
        int exit = cmd.execute("accounts", ok.toString(), "--port", String.valueOf(org.mailferry.testing.ServerProcess
                .freePort()), "--password", "secret");
        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).contains("127.0.0.1:");
    }
}
