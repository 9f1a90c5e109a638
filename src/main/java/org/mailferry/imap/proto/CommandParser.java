package org.mailferry.imap.proto;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link RawCommand} into an {@link ImapCommand} following the grammar of RFC 3501 §9 and the
 * extensions listed on {@link ImapCommand}. Pure: no I/O. Syntax errors become {@link ImapParseException}s of
 * kind BAD naming what is wrong; an unsupported SEARCH charset is a NO with {@code [BADCHARSET]}.
 */
public final class CommandParser {
    private CommandParser() {
    }

    public static ImapCommand parse(RawCommand raw) throws ImapParseException {
        Cursor c = new Cursor(raw.parts());
        String tag = raw.tag();
        try {
            ImapCommand cmd = command(tag, raw.name(), c);
            if (!c.atEnd()) {
                throw new IllegalArgumentException("Unexpected extra arguments" + c.near());
            }
            return cmd;
        } catch (BadCharset e) {
            throw new ImapParseException(ImapParseException.Kind.NO, tag, "BADCHARSET (US-ASCII UTF-8)",
                    "Unsupported charset " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ImapParseException.bad(tag, raw.name() + ": " + e.getMessage());
        }
    }

    private static final class BadCharset extends RuntimeException {
        BadCharset(String name) {
            super(name, null, false, false);
        }
    }

    private static ImapCommand command(String tag, String name, Cursor c) {
        return switch (name) {
            case "CAPABILITY" -> new ImapCommand.Capability(tag);
            case "NOOP" -> new ImapCommand.Noop(tag);
            case "LOGOUT" -> new ImapCommand.Logout(tag);
            case "STARTTLS" -> new ImapCommand.StartTls(tag);
            case "ID" -> id(tag, c);
            case "AUTHENTICATE" -> {
                c.sp();
                String mech = c.atom().toUpperCase(Locale.ROOT);
                String ir = null;
                if (c.skip(' ')) {
                    ir = c.token();
                }
                yield new ImapCommand.Authenticate(tag, mech, ir);
            }
            case "LOGIN" -> {
                c.sp();
                String user = c.astring();
                c.sp();
                yield new ImapCommand.Login(tag, user, c.astring());
            }
            case "ENABLE" -> {
                List<String> caps = new ArrayList<>();
                while (c.skip(' ')) {
                    caps.add(c.atom().toUpperCase(Locale.ROOT));
                }
                if (caps.isEmpty()) {
                    throw new IllegalArgumentException("Missing argument");
                }
                yield new ImapCommand.Enable(tag, caps);
            }
            case "SELECT", "EXAMINE" -> select(tag, c, name.equals("EXAMINE"));
            case "CREATE" -> create(tag, c);
            case "DELETE" -> new ImapCommand.Delete(tag, mailbox(c));
            case "RENAME" -> {
                String from = mailbox(c);
                yield new ImapCommand.Rename(tag, from, mailbox(c));
            }
            case "SUBSCRIBE" -> new ImapCommand.Subscribe(tag, mailbox(c), true);
            case "UNSUBSCRIBE" -> new ImapCommand.Subscribe(tag, mailbox(c), false);
            case "LIST" -> ListParser.list(tag, c);
            case "LSUB" -> ListParser.lsub(tag, c);
            case "NAMESPACE" -> new ImapCommand.Namespace(tag);
            case "STATUS" -> {
                String mbox = mailbox(c);
                c.sp();
                yield new ImapCommand.Status(tag, mbox, ListParser.statusItems(c));
            }
            case "APPEND" -> append(tag, c);
            case "IDLE" -> new ImapCommand.Idle(tag);
            case "GETACL" -> new ImapCommand.GetAcl(tag, mailbox(c));
            case "MYRIGHTS" -> new ImapCommand.MyRights(tag, mailbox(c));
            case "SETACL" -> {
                String mbox = mailbox(c);
                c.sp();
                String id = c.astring();
                c.sp();
                yield new ImapCommand.SetAcl(tag, mbox, id, c.astring());
            }
            case "DELETEACL", "LISTRIGHTS" -> {
                String mbox = mailbox(c);
                c.sp();
                String id = c.astring();
                yield name.equals("DELETEACL") ? new ImapCommand.DeleteAcl(tag, mbox, id)
                        : new ImapCommand.ListRights(tag, mbox, id);
            }
            case "GETQUOTA" -> {
                c.sp();
                yield new ImapCommand.GetQuota(tag, c.astring());
            }
            case "GETQUOTAROOT" -> new ImapCommand.GetQuotaRoot(tag, mailbox(c));
            case "SETQUOTA" -> setQuota(tag, c);
            case "CHECK" -> new ImapCommand.Check(tag);
            case "CLOSE" -> new ImapCommand.Close(tag);
            case "UNSELECT" -> new ImapCommand.Unselect(tag);
            case "XUIDL" -> {
                java.util.Map<Long, String> uidls = new java.util.LinkedHashMap<>();
                while (c.skip(' ')) {
                    long uid = FidelityExtension.nonZero32(c);
                    c.sp();
                    uidls.put(uid, FidelityExtension.uidl(c));
                    if (uidls.size() > 1000) throw new IllegalArgumentException("XUIDL takes at most 1000 UIDs per command");
                }
                if (uidls.isEmpty()) throw new IllegalArgumentException("XUIDL needs uid uidl pairs");
                yield new ImapCommand.XUidl(tag, uidls);
            }
            case "EXPUNGE" -> new ImapCommand.Expunge(tag, null);
            case "SEARCH" -> SearchParser.search(tag, c, false);
            case "FETCH" -> FetchParser.fetch(tag, c, false);
            case "STORE" -> store(tag, c, false);
            case "COPY" -> copy(tag, c, false, false);
            case "MOVE" -> copy(tag, c, false, true);
            case "UID" -> uid(tag, c);
            default -> throw new IllegalArgumentException("Unknown command");
        };
    }

    private static ImapCommand uid(String tag, Cursor c) {
        c.sp();
        String sub = c.atom().toUpperCase(Locale.ROOT);
        return switch (sub) {
            case "FETCH" -> FetchParser.fetch(tag, c, true);
            case "SEARCH" -> SearchParser.search(tag, c, true);
            case "STORE" -> store(tag, c, true);
            case "COPY" -> copy(tag, c, true, false);
            case "MOVE" -> copy(tag, c, true, true);
            case "EXPUNGE" -> {
                c.sp();
                yield new ImapCommand.Expunge(tag, sequenceSet(c));
            }
            default -> throw new IllegalArgumentException("Unknown UID command " + sub);
        };
    }

    /** SP mailbox. */
    static String mailbox(Cursor c) {
        c.sp();
        return c.astring();
    }

    static SequenceSet sequenceSet(Cursor c) {
        return SequenceSet.parse(c.token());
    }

    private static ImapCommand id(String tag, Cursor c) {
        c.sp();
        if (c.peekWord("NIL")) {
            c.atom();
            return new ImapCommand.Id(tag, null);
        }
        c.expect('(');
        Map<String, String> fields = new LinkedHashMap<>();
        while (!c.skip(')')) {
            if (!fields.isEmpty()) {
                c.sp();
            }
            String k = c.string();
            c.sp();
            String v = c.nstring();
            if (fields.size() < 30) {
                fields.put(k, v);
            }
        }
        return new ImapCommand.Id(tag, fields);
    }

    private static ImapCommand select(String tag, Cursor c, boolean readOnly) {
        String mbox = mailbox(c);
        boolean condstore = false;
        if (c.skip(' ')) {
            c.expect('(');
            while (!c.skip(')')) {
                c.skip(' ');
                String p = c.atom().toUpperCase(Locale.ROOT);
                if (!p.equals("CONDSTORE")) {
                    throw new IllegalArgumentException("Unsupported select parameter " + p);
                }
                condstore = true;
            }
        }
        return new ImapCommand.Select(tag, mbox, readOnly, condstore);
    }

    private static ImapCommand create(String tag, Cursor c) {
        String mbox = mailbox(c);
        List<String> use = List.of();
        long uidValidity = 0;
        if (c.skip(' ')) {
            c.expect('(');
            do {
                String param = c.atom().toUpperCase(Locale.ROOT);
                c.sp();
                switch (param) {
                    case "USE" -> use = flagList(c);
                    case FidelityExtension.CREATE_PARAM -> uidValidity = FidelityExtension.nonZero32(c);
                    default -> throw new IllegalArgumentException("Unsupported create parameter " + param);
                }
            } while (c.skip(' '));
            c.expect(')');
        }
        return new ImapCommand.Create(tag, mbox, use, uidValidity);
    }

    /** "(" [flag *(SP flag)] ")". */
    static List<String> flagList(Cursor c) {
        c.expect('(');
        List<String> flags = new ArrayList<>();
        while (!c.skip(')')) {
            if (!flags.isEmpty()) {
                c.sp();
            }
            flags.add(c.flag());
        }
        return flags;
    }

    private static ImapCommand append(String tag, Cursor c) {
        String mbox = mailbox(c);
        List<ImapCommand.AppendMessage> messages = new ArrayList<>();
        while (c.skip(' ')) {
            List<String> flags = List.of();
            OffsetDateTime date = null;
            if (c.peek() == '(') {
                flags = flagList(c);
                c.sp();
            }
            if (c.peek() == '"') {
                date = ImapDates.parseDateTime(c.string(StandardCharsets.US_ASCII));
                c.sp();
            }
            long uid = 0;
            String uidl = null;
            while (true) {
                if (c.peekWord(FidelityExtension.APPEND_EXT)) {
                    c.atom();
                    c.sp();
                    uid = FidelityExtension.nonZero32(c);
                } else if (c.peekWord(FidelityExtension.APPEND_UIDL)) {
                    c.atom();
                    c.sp();
                    uidl = FidelityExtension.uidl(c);
                } else {
                    break;
                }
                c.sp();
            }
            messages.add(new ImapCommand.AppendMessage(flags, date, c.literal(), uid, uidl));
        }
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("Missing message literal");
        }
        return new ImapCommand.Append(tag, mbox, messages);
    }

    private static ImapCommand setQuota(String tag, Cursor c) {
        c.sp();
        String root = c.astring();
        c.sp();
        c.expect('(');
        Map<String, Long> limits = new LinkedHashMap<>();
        while (!c.skip(')')) {
            if (!limits.isEmpty()) {
                c.sp();
            }
            String res = c.atom().toUpperCase(Locale.ROOT);
            c.sp();
            limits.put(res, c.number());
        }
        return new ImapCommand.SetQuota(tag, root, limits);
    }

    private static ImapCommand store(String tag, Cursor c, boolean uid) {
        c.sp();
        SequenceSet set = sequenceSet(c);
        c.sp();
        long unchangedSince = -1;
        if (c.skip('(')) {
            if (!c.atom().equalsIgnoreCase("UNCHANGEDSINCE")) {
                throw new IllegalArgumentException("Unsupported store modifier");
            }
            c.sp();
            unchangedSince = c.number();
            c.expect(')');
            c.sp();
        }
        String item = c.atom().toUpperCase(Locale.ROOT);
        ImapCommand.StoreMode mode = ImapCommand.StoreMode.REPLACE;
        if (item.startsWith("+")) {
            mode = ImapCommand.StoreMode.ADD;
            item = item.substring(1);
        } else if (item.startsWith("-")) {
            mode = ImapCommand.StoreMode.REMOVE;
            item = item.substring(1);
        }
        boolean silent = item.equals("FLAGS.SILENT");
        if (!silent && !item.equals("FLAGS")) {
            throw new IllegalArgumentException("Unknown store item " + item);
        }
        c.sp();
        List<String> flags;
        if (c.peek() == '(') {
            flags = flagList(c);
        } else {
            flags = new ArrayList<>();
            flags.add(c.flag());
            while (c.skip(' ')) {
                flags.add(c.flag());
            }
        }
        return new ImapCommand.Store(tag, uid, set, unchangedSince, mode, silent, flags);
    }

    private static ImapCommand copy(String tag, Cursor c, boolean uid, boolean move) {
        c.sp();
        SequenceSet set = sequenceSet(c);
        return new ImapCommand.Copy(tag, uid, set, mailbox(c), move);
    }

    /** The charset named in SEARCH CHARSET; throws the BADCHARSET refusal when Java does not know it. */
    static Charset charset(String name) {
        try {
            if (Charset.isSupported(name)) {
                return Charset.forName(name);
            }
        } catch (IllegalCharsetNameException ignored) {
            // fall through
        }
        throw new BadCharset(name);
    }
}
