package org.mailferry.migrate.importers;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.mailferry.directory.AccountSettings;
import org.mailferry.directory.DirectoryException;
import org.mailferry.directory.Names;

/**
 * {@code import ldif}: the users and mail groups of an LDIF export (RFC 2849) of a Netscape/iPlanet/Sun Messaging
 * Server directory, or any directory using the same attributes, read with the UnboundID LDAP SDK's LDIF reader.
 *
 * <p>Users (entries with {@code uid}): {@code uid} → account name; {@code mail} → its domain (and an alias when its
 * local part is not the uid); {@code mailAlternateAddress} / {@code mailEquivalentAddress} → account aliases (in
 * the account's domain) or forwarders to the account (other domains); {@code cn} (else givenName + sn) →
 * {@code RealName}; {@code userPassword} ({@code {SSHA}}, {@code {SHA}}, {@code {crypt}}, … or clear text, RFC 3112
 * style) else {@code unixPassword} (a crypt string, with or without {@code {crypt}}) → the password;
 * {@code mailQuota} (bytes, -1 unlimited) → {@code MaxAccountSize}; {@code mailForwardingAddress} → a rule
 * forwarding every message (Mirror to when {@code mailDeliveryOption} keeps a mailbox copy, else Redirect to and
 * Discard); {@code mailDeliveryOption: program} with {@code mailProgramDeliveryInfo} → a rule with the Execute
 * action. {@code inetUserStatus} or {@code mailUserStatus} {@code deleted}/{@code removed} → not imported.
 * Groups (entries with {@code mail} whose objectClass is groupOfNames, groupOfUniqueNames, inetMailGroup or
 * mailGroup) → groups whose members are {@code mgrpRFC822MailMember} values and the {@code mail} of each
 * {@code member}/{@code uniqueMember} entry. Other mail attributes are named once in the warnings.
 * {@code mapDomains} renames the directory's mail domains for this server.
 */
public final class LdifAccounts {
    /** The rule name of forwarding imported from {@code mailForwardingAddress}. */
    public static final String FORWARDING_RULE = "Imported forwarding";
    /** The rule name of program delivery imported from {@code mailProgramDeliveryInfo}. */
    public static final String PROGRAM_RULE = "Imported program delivery";
    private static final List<String> GROUP_CLASSES = List.of("groupofnames", "groupofuniquenames",
            "inetmailgroup", "mailgroup");
    private static final List<String> USED = List.of("uid", "mail", "mailalternateaddress", "mailequivalentaddress",
            "cn", "givenname", "sn", "userpassword", "unixpassword", "mailquota", "mailforwardingaddress",
            "maildeliveryoption", "mailprogramdeliveryinfo", "inetuserstatus", "mailuserstatus",
            "mgrprfc822mailmember", "member", "uniquemember", "objectclass");

    private record Read(Source source, Entry entry) {
    }

    private LdifAccounts() {
    }

    public static Importer.Input read(Path file, Map<String, String> mapDomains) throws IOException, InputException {
        List<Read> entries = new ArrayList<>();
        List<Wanted> bad = new ArrayList<>();
        long[] firstLine = new long[1];
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new InputException(new Source(file.toString(), 0), "no such file");
        }
        try (LDIFReader r = new LDIFReader(in, 0, (entry, line) -> {
            firstLine[0] = line;
            return entry;
        })) {
            while (true) {
                try {
                    Entry e = r.readEntry();
                    if (e == null) {
                        break;
                    }
                    entries.add(new Read(new Source(file.toString(), (int) firstLine[0]), e));
                } catch (LDIFException e) {
                    Source src = new Source(file.toString(), (int) e.getLineNumber());
                    if (!e.mayContinueReading()) {
                        throw new InputException(src, "not LDIF: " + e.getMessage());
                    }
                    bad.add(new Wanted.Invalid(src, "entry", "not LDIF: " + e.getMessage()));
                }
            }
        }
        Map<DN, String> mailOf = new HashMap<>();
        for (Read e : entries) {
            String mail = e.entry().getAttributeValue("mail");
            if (mail != null) {
                try {
                    mailOf.put(e.entry().getParsedDN(), mail);
                } catch (LDAPException ignored) {
                    // a DN the reader accepted but cannot parse: no member resolves to it
                }
            }
        }
        List<Wanted> wanted = new ArrayList<>(bad);
        Map<String, Integer> unused = new TreeMap<>();
        int others = 0;
        for (Read e : entries) {
            Entry en = e.entry();
            if (en.hasAttribute("uid")) {
                wanted.addAll(user(e.source(), en, mapDomains));
            } else if (en.hasAttribute("mail") && isGroup(en)) {
                wanted.add(group(e.source(), en, mapDomains, mailOf));
            } else {
                others++;
                continue;
            }
            for (var a : en.getAttributes()) {
                String n = a.getBaseName().toLowerCase(Locale.ROOT);
                if (!USED.contains(n) && (n.startsWith("mail") || n.startsWith("nsmsg") || n.startsWith("vacation"))) {
                    unused.merge(a.getBaseName(), 1, Integer::sum);
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        unused.forEach((a, n) -> warnings.add("the attribute " + a + " (" + n + (n == 1 ? " entry" : " entries")
                + ") has no equivalent here: ignored"));
        if (others > 0) {
            warnings.add(others + (others == 1 ? " entry is" : " entries are") + " neither a user (uid) nor a mail "
                    + "group (mail + a group objectClass): ignored");
        }
        return new Importer.Input(wanted, warnings);
    }

    private static List<Wanted> user(Source src, Entry en, Map<String, String> mapDomains) {
        String uid = en.getAttributeValue("uid");
        String status = first(en, "inetUserStatus", "mailUserStatus");
        if (status != null && (status.equalsIgnoreCase("deleted") || status.equalsIgnoreCase("removed"))) {
            return List.of(new Wanted.Unmapped(src, uid, "marked " + status.toLowerCase(Locale.ROOT)
                    + " in the directory: not imported"));
        }
        List<Wanted> out = new ArrayList<>();
        try {
            String name = Names.objectName(uid);
            String mail = en.getAttributeValue("mail");
            String domain = null;
            List<String> aliases = new ArrayList<>();
            if (mail != null) {
                Address m = address(mail, mapDomains);
                domain = m.domain();
                if (!m.local().equals(name)) {
                    aliases.add(Names.objectName(m.local()));
                }
            }
            for (String alt : values(en, "mailAlternateAddress", "mailEquivalentAddress")) {
                Address a = address(alt, mapDomains);
                String local = Names.objectName(a.local());
                if (domain == null || a.domain().equals(domain)) {
                    if (!aliases.contains(local) && !local.equals(name)) {
                        aliases.add(local);
                    }
                } else {
                    out.add(new Wanted.Forwarder(src, local, a.domain(), name + "@" + domain,
                            List.of("mailAlternateAddress " + alt + " of " + uid)));
                }
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            List<String> notes = new ArrayList<>();
            String cn = en.getAttributeValue("cn");
            if (cn == null && (en.hasAttribute("givenName") || en.hasAttribute("sn"))) {
                cn = (first(en, "givenName") == null ? "" : first(en, "givenName") + " ")
                        + (first(en, "sn") == null ? "" : first(en, "sn"));
            }
            if (cn != null && !cn.isBlank()) {
                settings.put(AccountSettings.REAL_NAME, cn.strip());
            }
            String password = password(en, notes);
            if (password != null) {
                settings.put(AccountSettings.PASSWORD, password);
            } else {
                notes.add("no userPassword or unixPassword: imported without a password");
            }
            String quota = en.getAttributeValue("mailQuota");
            if (quota != null) {
                settings.put("MaxAccountSize", size(quota));
            }
            List<Object> rules = rules(en);
            if (!rules.isEmpty()) {
                settings.put("Rules", rules);
            }
            if (status != null && !status.equalsIgnoreCase("active")) {
                notes.add("inetUserStatus " + status + " in the directory; imported as active");
            }
            out.addFirst(new Wanted.Account(src, name, domain, settings, aliases, notes));
        } catch (DirectoryException | IllegalArgumentException e) {
            return List.of(new Wanted.Invalid(src, uid, e.getMessage()));
        }
        return out;
    }

    /** userPassword (RFC 2307: {SCHEME}hash, or clear text) first, else unixPassword (always a hash). */
    private static String password(Entry en, List<String> notes) {
        byte[][] user = en.getAttributeValueByteArrays("userPassword");
        if (user != null && user.length > 0) {
            String v = new String(user[0], StandardCharsets.UTF_8);
            if (user.length > 1) {
                notes.add(user.length + " userPassword values: the first is used");
            }
            if (v.startsWith("{")) {
                try {
                    return AccountRows.importHash(v);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("userPassword: " + e.getMessage().substring(
                            "UnixPassword: ".length()));
                }
            }
            return AccountRows.clearPassword(v);
        }
        String unix = en.getAttributeValue("unixPassword");
        return unix == null ? null : AccountRows.importHash(unix);
    }

    private static List<Object> rules(Entry en) {
        List<String> options = values(en, "mailDeliveryOption").stream().map(s -> s.toLowerCase(Locale.ROOT))
                .toList();
        List<Object> rules = new ArrayList<>();
        List<String> forward = values(en, "mailForwardingAddress");
        if (!forward.isEmpty()) {
            boolean keep = options.isEmpty() || options.contains("mailbox") || options.contains("native");
            List<Object> actions = new ArrayList<>();
            actions.add(List.of(keep ? "Mirror to" : "Redirect to", String.join(",", forward)));
            if (!keep) {
                actions.add(List.of("Discard"));
            }
            rules.add(List.of("5", FORWARDING_RULE, List.of(), actions));
        }
        List<String> programs = values(en, "mailProgramDeliveryInfo");
        if (options.contains("program") && !programs.isEmpty()) {
            List<Object> actions = new ArrayList<>();
            programs.forEach(p -> actions.add(List.of("Execute", AliasesMapping.execute(p))));
            rules.add(List.of("5", PROGRAM_RULE, List.of(), actions));
        }
        return rules;
    }

    private static Wanted group(Source src, Entry en, Map<String, String> mapDomains, Map<DN, String> mailOf) {
        String mail = en.getAttributeValue("mail");
        try {
            Address a = address(mail, mapDomains);
            List<String> members = new ArrayList<>(values(en, "mgrpRFC822MailMember"));
            List<String> notes = new ArrayList<>();
            for (String dn : values(en, "member", "uniqueMember")) {
                String m = null;
                try {
                    m = mailOf.get(new DN(dn));
                } catch (LDAPException ignored) {
                    // reported below
                }
                if (m == null) {
                    notes.add("member " + dn + " has no mail in this file: left out");
                } else {
                    members.add(mapped(m, mapDomains));
                }
            }
            return new Wanted.Group(src, Names.objectName(a.local()), a.domain(), en.getAttributeValue("cn"),
                    members, notes);
        } catch (DirectoryException | IllegalArgumentException e) {
            return new Wanted.Invalid(src, mail, e.getMessage());
        }
    }

    private static boolean isGroup(Entry en) {
        String[] oc = en.getObjectClassValues();
        if (oc != null) {
            for (String c : oc) {
                if (GROUP_CLASSES.contains(c.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    private record Address(String local, String domain) {
    }

    private static Address address(String mail, Map<String, String> mapDomains) {
        int at = mail.lastIndexOf('@');
        if (at <= 0 || at == mail.length() - 1) {
            throw new IllegalArgumentException("'" + mail + "' is not an address local@domain");
        }
        String d = Names.domainName(mail.substring(at + 1));
        return new Address(mail.substring(0, at), mapDomains.getOrDefault(d, d));
    }

    private static String mapped(String mail, Map<String, String> mapDomains) {
        int at = mail.lastIndexOf('@');
        if (at < 0) {
            return mail;
        }
        String d = mail.substring(at + 1).toLowerCase(Locale.ROOT);
        return mail.substring(0, at) + "@" + mapDomains.getOrDefault(d, d);
    }

    /** mailQuota in bytes → a size setting: unlimited, NK, NM, NG or bytes. */
    static String size(String quota) {
        long q;
        try {
            q = Long.parseLong(quota.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mailQuota '" + quota + "' is not a number of bytes");
        }
        if (q < 0) {
            return "unlimited";
        }
        for (String unit : List.of("G", "M", "K")) {
            long f = unit.equals("G") ? 1L << 30 : unit.equals("M") ? 1L << 20 : 1L << 10;
            if (q >= f && q % f == 0) {
                return q / f + unit;
            }
        }
        return String.valueOf(q);
    }

    private static String first(Entry en, String... names) {
        for (String n : names) {
            String v = en.getAttributeValue(n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static List<String> values(Entry en, String... names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String[] v = en.getAttributeValues(n);
            if (v != null) {
                out.addAll(List.of(v));
            }
        }
        return out;
    }
}
