package org.mailferry.imap.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailferry.net.LineReader;

class CommandParserTest {
    @TempDir
    Path tmp;

    private ImapCommand parse(String line) throws Exception {
        ImapReader r = new ImapReader(new LineReader(new ByteArrayInputStream(
                (line + "\r\n").getBytes(StandardCharsets.UTF_8))), ImapLimits.defaults(tmp), () -> { });
        return CommandParser.parse(r.read(n -> 1 << 20));
    }

    private void bad(String line, String message) {
        assertThatThrownBy(() -> parse(line)).as(line).isInstanceOfSatisfying(ImapParseException.class, e -> {
            assertThat(e.kind()).isEqualTo(ImapParseException.Kind.BAD);
            assertThat(e.getMessage()).contains(message);
        });
    }

    private static SequenceSet set(String s) {
        return SequenceSet.parse(s);
    }

    @Test
    void simpleCommands() throws Exception {
        assertThat(parse("a CAPABILITY")).isEqualTo(new ImapCommand.Capability("a"));
        assertThat(parse("a noop")).isEqualTo(new ImapCommand.Noop("a"));
        assertThat(parse("a LOGOUT")).isEqualTo(new ImapCommand.Logout("a"));
        assertThat(parse("a STARTTLS")).isEqualTo(new ImapCommand.StartTls("a"));
        assertThat(parse("a NAMESPACE")).isEqualTo(new ImapCommand.Namespace("a"));
        assertThat(parse("a IDLE")).isEqualTo(new ImapCommand.Idle("a"));
        assertThat(parse("a CHECK")).isEqualTo(new ImapCommand.Check("a"));
        assertThat(parse("a CLOSE")).isEqualTo(new ImapCommand.Close("a"));
        assertThat(parse("a UNSELECT")).isEqualTo(new ImapCommand.Unselect("a"));
        assertThat(parse("a EXPUNGE")).isEqualTo(new ImapCommand.Expunge("a", null));
        assertThat(parse("a UID EXPUNGE 3:5")).isEqualTo(new ImapCommand.Expunge("a", set("3:5")));
    }

    @Test
    void loginAndAuthenticate() throws Exception {
        assertThat(parse("a LOGIN fred \"pass word\"")).isEqualTo(new ImapCommand.Login("a", "fred", "pass word"));
        assertThat(parse("a LOGIN \"f\\\\r\" \"p\\\"w\"")).isEqualTo(new ImapCommand.Login("a", "f\\r", "p\"w"));
        assertThat(parse("a authenticate plain")).isEqualTo(new ImapCommand.Authenticate("a", "PLAIN", null));
        assertThat(parse("a AUTHENTICATE PLAIN AGZyZWQAcHc=")).isEqualTo(
                new ImapCommand.Authenticate("a", "PLAIN", "AGZyZWQAcHc="));
        assertThat(parse("a LOGIN fred x").toString()).doesNotContain("x]").contains("***");
        bad("a LOGIN fred", "Missing argument");
        bad("a LOGIN fred x y", "Unexpected extra arguments");
        bad("a LOGIN \"fred x", "Unterminated quoted string");
    }

    @Test
    void mailboxCommands() throws Exception {
        assertThat(parse("a SELECT INBOX")).isEqualTo(new ImapCommand.Select("a", "INBOX", false, false));
        assertThat(parse("a EXAMINE \"Sent Items\" (CONDSTORE)")).isEqualTo(
                new ImapCommand.Select("a", "Sent Items", true, true));
        assertThat(parse("a CREATE Archive (USE (\\Archive))")).isEqualTo(
                new ImapCommand.Create("a", "Archive", List.of("\\Archive")));
        assertThat(parse("a DELETE foo")).isEqualTo(new ImapCommand.Delete("a", "foo"));
        assertThat(parse("a RENAME foo bar")).isEqualTo(new ImapCommand.Rename("a", "foo", "bar"));
        assertThat(parse("a SUBSCRIBE foo")).isEqualTo(new ImapCommand.Subscribe("a", "foo", true));
        assertThat(parse("a UNSUBSCRIBE foo")).isEqualTo(new ImapCommand.Subscribe("a", "foo", false));
        assertThat(parse("a STATUS blurdybloop (UIDNEXT MESSAGES)")).isEqualTo(
                new ImapCommand.Status("a", "blurdybloop", List.of("UIDNEXT", "MESSAGES")));
        bad("a STATUS x (FOO)", "Unknown status option FOO");
        bad("a SELECT", "Missing argument");
    }

    @Test
    void listForms() throws Exception {
        assertThat(parse("a LIST \"\" *")).isEqualTo(new ImapCommand.ListMailboxes("a", false, List.of(), "",
                List.of("*"), List.of(), null));
        assertThat(parse("a LIST ~/Mail/ %")).isEqualTo(new ImapCommand.ListMailboxes("a", false, List.of(),
                "~/Mail/", List.of("%"), List.of(), null));
        assertThat(parse("a LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (INBOX* \"Sent\") RETURN (CHILDREN STATUS"
                + " (MESSAGES UNSEEN))")).isEqualTo(new ImapCommand.ListMailboxes("a", false,
                List.of("SUBSCRIBED", "RECURSIVEMATCH"), "", List.of("INBOX*", "Sent"), List.of("CHILDREN",
                "STATUS"), List.of("MESSAGES", "UNSEEN")));
        assertThat(parse("a LSUB \"#news.\" \"comp.mail.*\"")).isEqualTo(new ImapCommand.ListMailboxes("a", true,
                List.of("SUBSCRIBED"), "#news.", List.of("comp.mail.*"), List.of(), null));
        bad("a LIST (RECURSIVEMATCH) \"\" *", "RECURSIVEMATCH");
    }

    @Test
    void fetchItems() throws Exception {
        ImapCommand.Fetch f = (ImapCommand.Fetch) parse("a FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])");
        assertThat(f.set()).isEqualTo(set("2:4"));
        assertThat(f.items()).containsExactly(new FetchItem.Simple(FetchItem.Attr.FLAGS),
                new FetchItem.Body(new Section(List.of(), Section.Kind.HEADER_FIELDS, List.of("DATE", "FROM")),
                        false, -1, -1));
        f = (ImapCommand.Fetch) parse("a UID FETCH 1:* fast");
        assertThat(f.uid()).isTrue();
        assertThat(f.items()).extracting(Object::toString).containsExactly("Simple[attr=UID]",
                "Simple[attr=FLAGS]", "Simple[attr=INTERNALDATE]", "Simple[attr=RFC822_SIZE]");
        f = (ImapCommand.Fetch) parse("a FETCH 1 (BODY.PEEK[1.2.MIME] BODY[3.TEXT]<10.20> BODY[] RFC822.SIZE)");
        assertThat(f.items()).containsExactly(
                new FetchItem.Body(new Section(List.of(1, 2), Section.Kind.MIME, List.of()), true, -1, -1),
                new FetchItem.Body(new Section(List.of(3), Section.Kind.TEXT, List.of()), false, 10, 20),
                new FetchItem.Body(Section.WHOLE, false, -1, -1),
                new FetchItem.Simple(FetchItem.Attr.RFC822_SIZE));
        assertThat(((FetchItem.Body) f.items().get(1)).responseName()).isEqualTo("BODY[3.TEXT]<10>");
        f = (ImapCommand.Fetch) parse("a FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)");
        assertThat(f.changedSince()).isEqualTo(12345);
        assertThat(f.items()).contains(new FetchItem.Simple(FetchItem.Attr.MODSEQ));
        f = (ImapCommand.Fetch) parse("a FETCH 1 ALL");
        assertThat(f.items()).hasSize(4);
        f = (ImapCommand.Fetch) parse("a FETCH 1 BODY[1]");
        assertThat(f.items()).containsExactly(new FetchItem.Body(new Section(List.of(1), Section.Kind.ALL,
                List.of()), false, -1, -1));
        bad("a FETCH 1 (BODY[MIME])", "MIME needs a part number");
        bad("a FETCH 1 (FOO)", "Unknown fetch attribute FOO");
        bad("a FETCH 0 FLAGS", "Invalid sequence set");
        bad("a FETCH 1 BODY[]<0.0>", "must not be zero");
        bad("a FETCH 1 (FLAGS", "Expected ')'");
    }

    @Test
    void searchKeys() throws Exception {
        ImapCommand.Search s = (ImapCommand.Search) parse(
                "a SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"");
        assertThat(s.key()).isEqualTo(new SearchKey.And(List.of(new SearchKey.Flag("\\Flagged", true),
                new SearchKey.Date(SearchKey.DateOp.SINCE, LocalDate.of(1994, 2, 1), false),
                new SearchKey.Not(new SearchKey.Header("From", "Smith")))));
        s = (ImapCommand.Search) parse("a UID SEARCH OR (SEEN LARGER 10) 1:5,7 UID 3:* HEADER X-Foo \"\"");
        assertThat(s.uid()).isTrue();
        assertThat(s.key()).isEqualTo(new SearchKey.And(List.of(
                new SearchKey.Or(new SearchKey.And(List.of(new SearchKey.Flag("\\Seen", true),
                        new SearchKey.Size(true, 10))), new SearchKey.Sequence(set("1:5,7"))),
                new SearchKey.Uid(set("3:*")), new SearchKey.Header("X-Foo", ""))));
        s = (ImapCommand.Search) parse("a SEARCH RETURN (MIN COUNT) CHARSET utf-8 SUBJECT \"\u00e4\" MODSEQ 5");
        assertThat(s.returnOptions()).containsExactly("MIN", "COUNT");
        assertThat(s.charset()).isEqualTo("UTF-8");
        s = (ImapCommand.Search) parse("a SEARCH SENTON \"3-Mar-2001\" KEYWORD $Forwarded NEW OLD RECENT");
        assertThat(s.key().toString()).contains("Flag[flag=$Forwarded, set=true]").contains("sent=true");
        s = (ImapCommand.Search) parse("a SEARCH RETURN () ALL");
        assertThat(s.returnOptions()).isEmpty();
        assertThatThrownBy(() -> parse("a SEARCH CHARSET X-NO-SUCH SUBJECT x")).isInstanceOfSatisfying(
                ImapParseException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ImapParseException.Kind.NO);
                    assertThat(e.code()).startsWith("BADCHARSET");
                });
        bad("a SEARCH FOO", "Unknown search key FOO");
        bad("a SEARCH SINCE 30-Feb-2001", "Invalid date");
        bad("a SEARCH " + "NOT ".repeat(60) + "ALL", "nested too deeply");
        bad("a SEARCH (ALL", "Expected ')'");
    }

    @Test
    void searchCharsetDecodesStrings() throws Exception {
        byte[] latin1 = "a SEARCH CHARSET ISO-8859-1 SUBJECT \"\u00e4\"\r\n".getBytes(StandardCharsets.ISO_8859_1);
        ImapReader r = new ImapReader(new LineReader(new ByteArrayInputStream(latin1)), ImapLimits.defaults(tmp),
                () -> { });
        ImapCommand.Search s = (ImapCommand.Search) CommandParser.parse(r.read(n -> 100));
        assertThat(s.key()).isEqualTo(new SearchKey.Header("Subject", "\u00e4"));
    }

    @Test
    void storeCopyMove() throws Exception {
        assertThat(parse("a STORE 2:4 +FLAGS (\\Deleted)")).isEqualTo(new ImapCommand.Store("a", false,
                set("2:4"), -1, ImapCommand.StoreMode.ADD, false, List.of("\\Deleted")));
        assertThat(parse("a UID STORE 7 (UNCHANGEDSINCE 320162338) -FLAGS.SILENT \\Seen $MDNSent")).isEqualTo(
                new ImapCommand.Store("a", true, set("7"), 320162338, ImapCommand.StoreMode.REMOVE, true,
                        List.of("\\Seen", "$MDNSent")));
        assertThat(parse("a STORE 1 FLAGS ()")).isEqualTo(new ImapCommand.Store("a", false, set("1"), -1,
                ImapCommand.StoreMode.REPLACE, false, List.of()));
        assertThat(parse("a COPY 2:4 MEETING")).isEqualTo(new ImapCommand.Copy("a", false, set("2:4"), "MEETING",
                false));
        assertThat(parse("a UID MOVE 42:69 foo")).isEqualTo(new ImapCommand.Copy("a", true, set("42:69"), "foo",
                true));
        bad("a STORE 1 BOGUS (\\Seen)", "Unknown store item");
        bad("a UID FROB 1", "Unknown UID command FROB");
    }

    @Test
    void appendForms() throws Exception {
        ImapCommand.Append a = (ImapCommand.Append) parse("a APPEND INBOX {3+}\r\nabc");
        assertThat(a.messages()).hasSize(1);
        assertThat(a.messages().get(0).flags()).isEmpty();
        assertThat(a.messages().get(0).internalDate()).isNull();
        a = (ImapCommand.Append) parse("a APPEND INBOX (\\Seen) \"17-Jul-1996 02:44:25 -0700\" {1+}\r\nx"
                + " {2+}\r\nyz");
        assertThat(a.messages()).hasSize(2);
        assertThat(a.messages().get(0).internalDate().toString()).isEqualTo("1996-07-17T02:44:25-07:00");
        assertThat(a.messages().get(1).message().text()).isEqualTo("yz");
        bad("a APPEND INBOX", "Missing message literal");
        bad("a APPEND INBOX \"bad date\" {1+}\r\nx", "Invalid date-time");
    }

    @Test
    void fidelityExtension() throws Exception {
        assertThat(parse("a CREATE Moved (X-UIDVALIDITY 4294967295)")).isEqualTo(
                new ImapCommand.Create("a", "Moved", List.of(), 4294967295L));
        assertThat(parse("a CREATE Sent (USE (\\Sent) x-uidvalidity 7)")).isEqualTo(
                new ImapCommand.Create("a", "Sent", List.of("\\Sent"), 7));
        bad("a CREATE Moved (X-UIDVALIDITY 0)", "1 to 4294967295");
        bad("a CREATE Moved (X-UIDVALIDITY 4294967296)", "out of range");
        bad("a CREATE Moved (X-FOO 1)", "Unsupported create parameter X-FOO");
        ImapCommand.Append a = (ImapCommand.Append) parse("a APPEND Moved (\\Seen) \"17-Jul-1996 02:44:25 -0700\""
                + " X-UID 12 {1+}\r\nx X-UID 15 {2+}\r\nyz {1+}\r\nw");
        assertThat(a.messages().stream().map(ImapCommand.AppendMessage::uid).toList()).containsExactly(12L, 15L, 0L);
        assertThat(a.messages().get(0).flags()).containsExactly("\\Seen");
        bad("a APPEND Moved X-UID 0 {1+}\r\nx", "1 to 4294967295");
        bad("a APPEND Moved X-UID {1+}\r\nx", "");
    }

    @Test
    void extensions() throws Exception {
        ImapCommand.Id id = (ImapCommand.Id) parse("a ID (\"name\" \"mutt\" \"version\" NIL)");
        assertThat(id.fields()).containsEntry("name", "mutt").containsEntry("version", null);
        assertThat(parse("a ID NIL")).isEqualTo(new ImapCommand.Id("a", null));
        assertThat(parse("a ENABLE condstore UTF8=ACCEPT")).isEqualTo(new ImapCommand.Enable("a",
                List.of("CONDSTORE", "UTF8=ACCEPT")));
        assertThat(parse("a SETACL INBOX fred lrswi")).isEqualTo(new ImapCommand.SetAcl("a", "INBOX", "fred",
                "lrswi"));
        assertThat(parse("a DELETEACL INBOX fred")).isEqualTo(new ImapCommand.DeleteAcl("a", "INBOX", "fred"));
        assertThat(parse("a LISTRIGHTS INBOX fred")).isEqualTo(new ImapCommand.ListRights("a", "INBOX", "fred"));
        assertThat(parse("a MYRIGHTS INBOX")).isEqualTo(new ImapCommand.MyRights("a", "INBOX"));
        assertThat(parse("a GETACL INBOX")).isEqualTo(new ImapCommand.GetAcl("a", "INBOX"));
        assertThat(parse("a GETQUOTAROOT INBOX")).isEqualTo(new ImapCommand.GetQuotaRoot("a", "INBOX"));
        assertThat(parse("a GETQUOTA \"\"")).isEqualTo(new ImapCommand.GetQuota("a", ""));
        assertThat(((ImapCommand.SetQuota) parse("a SETQUOTA \"\" (STORAGE 512)")).limits())
                .containsEntry("STORAGE", 512L);
        bad("a FROBNICATE", "Unknown command");
        bad("a ENABLE", "Missing argument");
    }
}
