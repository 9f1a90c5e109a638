package org.mailferry.migrate.importers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mailferry.testing.ServerProcess;

/**
 * {@code mailferry import ldif} on an LDIF exported from a real OpenLDAP: the test loads users written with the
 * Messaging Server's attributes and hashes made by slappasswd into a private slapd (Debian's, with its own config,
 * on a free loopback port), exports them with ldapsearch as an administrator would, imports the export, and every
 * user logs in with the password slappasswd hashed. Then --to-tab, and the account list it writes leaves the same
 * accounts unchanged when imported again.
 */
class LdifImportTest extends WithServer {

    @Test
    void exportOfARealOpenLdapImportsAndEveryUserLogsIn() throws Exception {
        Map<String, String> pw = Map.of("alice", "alice pw", "bob", "bob's pw", "carol", "carol pw", "dave",
                "dave pw", "erin", "erin pw", "fred", "fred clear pw", "prog", "prog pw", "unixy", "unixy pw");
        String ldif = """
                dn: dc=example,dc=com
                objectClass: dcObject
                objectClass: organization
                o: Example
                dc: example

                dn: ou=People,dc=example,dc=com
                objectClass: organizationalUnit
                ou: People

                dn: ou=Groups,dc=example,dc=com
                objectClass: organizationalUnit
                ou: Groups

                """
                + user("alice", "Alice Example", "alice@example.com", slappasswd("{SSHA}", pw.get("alice")),
                "mailAlternateAddress: a.example@example.com\nmailAlternateAddress: alice@other.com\n"
                        + "mailQuota: 104857600\nmailHost: mail.example.com\nmailMsgQuota: 1000\n")
                + user("bob", "Bob Builder", "robert@example.com", slappasswd("{SHA}", pw.get("bob")),
                "mailForwardingAddress: bob@elsewhere.org\nmailDeliveryOption: forward\n")
                + user("carol", "Carol", "carol@example.com", slappasswd("{CRYPT}", pw.get("carol"), "-c",
                "$6$%.16s"), "mailForwardingAddress: carol@home.example.org\nmailDeliveryOption: mailbox\n"
                + "mailDeliveryOption: forward\n")
                + user("dave", "Dave", "dave@example.com", slappasswd("{MD5}", pw.get("dave")),
                "inetUserStatus: inactive\n")
                + user("erin", "Erin", "erin@example.com", slappasswd("{SMD5}", pw.get("erin")), "")
                + user("fred", "Fred", "fred@example.com", pw.get("fred"), "")
                + user("gone", "Gone", "gone@example.com", slappasswd("{SSHA}", "x"), "inetUserStatus: deleted\n")
                + user("prog", "Prog", "prog@example.com", slappasswd("{SSHA}", pw.get("prog")),
                "mailDeliveryOption: program\nmailProgramDeliveryInfo: /usr/bin/procmail -d prog\n")
                + user("unixy", "Unix Y", "unixy@example.com", null, "unixPassword: "
                + Tools.run("mkpasswd", "-m", "descrypt", pw.get("unixy")) + "\n")
                + """
                dn: cn=staff,ou=Groups,dc=example,dc=com
                objectClass: groupOfNames
                objectClass: inetMailGroup
                cn: staff
                mail: staff@example.com
                member: uid=alice,ou=People,dc=example,dc=com
                member: uid=bob,ou=People,dc=example,dc=com
                mgrpRFC822MailMember: outside@partner.org
                """;
        Path export = exportFromSlapd(ldif);
        assertThat(Files.readString(export)).contains("userPassword:: "); // ldapsearch base64-encodes them

        ImportServer.Run run = server.run("ldif", export.toString(), "--map-domain", "example.com=example.test",
                "--create-domains");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        for (var e : pw.entrySet()) {
            assertThat(server.verifies(e.getKey(), e.getValue())).as(e.getKey()).isTrue();
            assertThat(server.verifies(e.getKey(), "X" + e.getValue())).as(e.getKey()).isFalse();
        }
        assertThat(run.lineOf("account alice@example.test")).contains("Password (SSHA)", "MaxAccountSize=100M",
                "aliases a.example");
        assertThat(run.lineOf("account carol@example.test")).contains("Password (SHA512-CRYPT)");
        assertThat(run.lineOf("account dave@example.test")).contains("Password (LDAP-MD5)",
                "[inetUserStatus inactive in the directory; imported as active]");
        assertThat(run.lineOf("account unixy@example.test")).contains("Password (DES-CRYPT)");
        assertThat(run.lineOf("domain other.com")).contains("created");
        assertThat(run.lineOf("forwarder alice@other.com")).contains("created: to alice@example.test");
        assertThat(run.lineOf("entry gone")).contains("unmapped: marked deleted in the directory");
        assertThat(run.lineOf("group staff@example.test")).contains("created: 3 members: outside@partner.org, "
                + "alice@example.test, robert@example.test");
        assertThat(run.out()).contains("warning: the attribute mailHost (1 entry) has no equivalent here",
                "warning: the attribute mailMsgQuota (1 entry)", "warning: 3 entries are neither a user");
        assertThat(server.cli("GETACCOUNTALIASES bob")).isEqualTo(List.of("robert"));
        assertThat(org.mailferry.data.DataFormat.print(server.cli("GETACCOUNTSETTINGS bob"))).contains(
                "Rules=((5,\"Imported forwarding\",(),((\"Redirect to\",\"bob@elsewhere.org\"),(Discard))))");
        assertThat(org.mailferry.data.DataFormat.print(server.cli("GETACCOUNTSETTINGS carol"))).contains("\"Mirror to\"");
        assertThat(org.mailferry.data.DataFormat.print(server.cli("GETACCOUNTSETTINGS prog"))).contains(
                "(Execute,\"[stdin] /usr/bin/procmail -d prog\")");
        assertThat(server.cli("GETFORWARDER alice@other.com")).isEqualTo("alice@example.test");

        Path tab = dir.resolve("ldif.tab");
        ImportServer.Run toTab = server.run("ldif", export.toString(), "--map-domain", "example.com=example.test",
                "--to-tab", tab.toString());
        assertThat(toTab.out()).contains("wrote 8 accounts to " + tab + "; 3 entries left out (above)");
        assertThat(Files.readAllLines(tab).getFirst()).isEqualTo(
                "Name\tPassword\tUnixPassword\tAliases\tRealName\tMaxAccountSize\tRules");
        ImportServer.Run again = server.run("accounts", tab.toString(), "--update");
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).contains("created 0, updated 0, skipped 8, failed 0");
        ImportServer.Run rerun = server.run("ldif", export.toString(), "--map-domain", "example.com=example.test",
                "--update");
        assertThat(rerun.out()).contains("created 0, updated 0, skipped 11, failed 0");
    }

    @Test
    void brokenLdifIsReportedWithItsLine() throws Exception {
        Path f = dir.resolve("broken.ldif");
        Files.writeString(f, """
                dn: uid=ok,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: ok
                cn: OK
                sn: K
                userPassword: {SSHA}notbase64!!

                dn: uid=bad name,dc=example,dc=com
                uid: bad name
                cn: Bad

                dn: uid=broken,dc=example,dc=com
                this line has no colon

                dn: uid=last,dc=example,dc=com
                uid: last
                """);
        Importer.Input in = LdifAccounts.read(f, Map.of());
        assertThat(in.wanted()).extracting(w -> w.source().line() + " " + w.getClass().getSimpleName() + " "
                + switch (w) {
                    case Wanted.Invalid i -> i.reason();
                    default -> "";
                }).containsExactlyInAnyOrder(
                "12 Invalid not LDIF: The record starting at or near line number 12 contains a line that does "
                        + "not begin with an attribute name followed by a colon.",
                "1 Invalid userPassword: SSHA hash is not valid base64",
                "8 Invalid the name 'bad name' contains ' '; names may use only A-Z a-z 0-9 - _ .",
                "15 Account ");
    }

    private static String user(String uid, String cn, String mail, String password, String more) {
        return "dn: uid=" + uid + ",ou=People,dc=example,dc=com\n"
                + "objectClass: inetOrgPerson\nobjectClass: inetUser\nobjectClass: inetMailUser\n"
                + "uid: " + uid + "\ncn: " + cn + "\nsn: " + cn.substring(cn.lastIndexOf(' ') + 1) + "\n"
                + "mail: " + mail + "\n" + (password == null ? "" : "userPassword: " + password + "\n") + more + "\n";
    }

    private static String slappasswd(String scheme, String password, String... extra)
            throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/sbin/slappasswd", "-h", scheme, "-s", password));
        cmd.addAll(List.of(extra));
        return Tools.run(cmd.toArray(String[]::new));
    }

    /** Loads the LDIF into a private slapd with slapadd, starts it on loopback, exports with ldapsearch. */
    private static Path exportFromSlapd(String ldif) throws Exception {
        Path ldap = dir.resolve("ldap");
        Files.createDirectories(ldap.resolve("db"));
        Path schema = Path.of("src/test/resources/importers/iplanet-mail.schema").toAbsolutePath();
        Path conf = ldap.resolve("slapd.conf");
        Files.writeString(conf, String.join("\n",
                "include /etc/ldap/schema/core.schema",
                "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema",
                "include " + schema,
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                "pidfile " + ldap.resolve("slapd.pid"),
                "database mdb",
                "maxsize 10485760",
                "suffix \"dc=example,dc=com\"",
                "rootdn \"cn=admin,dc=example,dc=com\"",
                "rootpw secret",
                "directory " + ldap.resolve("db")) + "\n");
        Path data = ldap.resolve("data.ldif");
        Files.writeString(data, ldif);
        Tools.run("/usr/sbin/slapadd", "-f", conf.toString(), "-l", data.toString());
        int port = ServerProcess.freePort();
        String url = "ldap://127.0.0.1:" + port + "/";
        Process slapd = new ProcessBuilder("/usr/sbin/slapd", "-d", "0", "-h", url, "-f", conf.toString())
                .redirectErrorStream(true).redirectOutput(ldap.resolve("slapd.log").toFile()).start();
        try {
            Path export = ldap.resolve("export.ldif");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                try {
                    Files.writeString(export, Tools.run("ldapsearch", "-x", "-LLL", "-H", url, "-D",
                            "cn=admin,dc=example,dc=com", "-w", "secret", "-b", "dc=example,dc=com") + "\n");
                    return export;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline || !slapd.isAlive()) {
                        throw new IOException("slapd did not answer: " + e.getMessage() + "; its log: "
                                + Files.readString(ldap.resolve("slapd.log")), e);
                    }
                    Thread.sleep(100);
                }
            }
        } finally {
            slapd.destroy();
            if (!slapd.waitFor(10, TimeUnit.SECONDS)) {
                slapd.destroyForcibly();
            }
        }
    }
}
