package org.mailferry.imap.proto;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SEARCH grammar: every key of RFC 3501 §6.4.4, CHARSET, ESEARCH's RETURN options (RFC 4731) and the MODSEQ
 * key (RFC 7162). Strings are decoded with the CHARSET given (UTF-8 by default).
 */
final class SearchParser {
    private static final Set<String> RETURN = Set.of("MIN", "MAX", "ALL", "COUNT", "SAVE");
    private static final int MAX_DEPTH = 50;

    private SearchParser() {
    }

    static ImapCommand search(String tag, Cursor c, boolean uid) {
        c.sp();
        List<String> returns = null;
        if (c.peekWord("RETURN")) {
            c.atom();
            c.sp();
            returns = ListParser.options(c, RETURN, "return");
            c.sp();
        }
        Charset cs = StandardCharsets.UTF_8;
        String charset = null;
        if (c.peekWord("CHARSET")) {
            c.atom();
            c.sp();
            charset = c.astring().toUpperCase(Locale.ROOT);
            cs = CommandParser.charset(charset);
            c.sp();
        }
        List<SearchKey> keys = new ArrayList<>();
        keys.add(key(c, cs, 0));
        while (c.skip(' ')) {
            keys.add(key(c, cs, 0));
        }
        SearchKey key = keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
        return new ImapCommand.Search(tag, uid, charset, returns, key);
    }

    private static SearchKey key(Cursor c, Charset cs, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("Search keys nested too deeply");
        }
        if (c.skip('(')) {
            List<SearchKey> keys = new ArrayList<>();
            keys.add(key(c, cs, depth + 1));
            while (c.skip(' ')) {
                keys.add(key(c, cs, depth + 1));
            }
            c.expect(')');
            return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
        }
        int first = c.peek();
        if ((first >= '0' && first <= '9') || first == '*') {
            return new SearchKey.Sequence(CommandParser.sequenceSet(c));
        }
        String k = c.atom().toUpperCase(Locale.ROOT);
        return switch (k) {
            case "ALL" -> new SearchKey.All();
            case "ANSWERED" -> new SearchKey.Flag("\\Answered", true);
            case "DELETED" -> new SearchKey.Flag("\\Deleted", true);
            case "DRAFT" -> new SearchKey.Flag("\\Draft", true);
            case "FLAGGED" -> new SearchKey.Flag("\\Flagged", true);
            case "SEEN" -> new SearchKey.Flag("\\Seen", true);
            case "UNANSWERED" -> new SearchKey.Flag("\\Answered", false);
            case "UNDELETED" -> new SearchKey.Flag("\\Deleted", false);
            case "UNDRAFT" -> new SearchKey.Flag("\\Draft", false);
            case "UNFLAGGED" -> new SearchKey.Flag("\\Flagged", false);
            case "UNSEEN" -> new SearchKey.Flag("\\Seen", false);
            case "KEYWORD" -> new SearchKey.Flag(arg(c).atom(), true);
            case "UNKEYWORD" -> new SearchKey.Flag(arg(c).atom(), false);
            case "RECENT" -> new SearchKey.Recent();
            case "NEW" -> new SearchKey.And(List.of(new SearchKey.Recent(), new SearchKey.Flag("\\Seen", false)));
            case "OLD" -> new SearchKey.Not(new SearchKey.Recent());
            case "BCC", "CC", "FROM", "SUBJECT", "TO" -> new SearchKey.Header(fieldName(k), arg(c).astring(cs));
            case "HEADER" -> {
                String field = arg(c).astring(cs);
                yield new SearchKey.Header(field, arg(c).astring(cs));
            }
            case "BODY" -> new SearchKey.Body(arg(c).astring(cs));
            case "TEXT" -> new SearchKey.Text(arg(c).astring(cs));
            case "BEFORE" -> date(c, SearchKey.DateOp.BEFORE, false);
            case "ON" -> date(c, SearchKey.DateOp.ON, false);
            case "SINCE" -> date(c, SearchKey.DateOp.SINCE, false);
            case "SENTBEFORE" -> date(c, SearchKey.DateOp.BEFORE, true);
            case "SENTON" -> date(c, SearchKey.DateOp.ON, true);
            case "SENTSINCE" -> date(c, SearchKey.DateOp.SINCE, true);
            case "LARGER" -> new SearchKey.Size(true, arg(c).number());
            case "SMALLER" -> new SearchKey.Size(false, arg(c).number());
            case "UID" -> new SearchKey.Uid(CommandParser.sequenceSet(arg(c)));
            case "NOT" -> new SearchKey.Not(key(arg(c), cs, depth + 1));
            case "OR" -> {
                SearchKey left = key(arg(c), cs, depth + 1);
                yield new SearchKey.Or(left, key(arg(c), cs, depth + 1));
            }
            case "MODSEQ" -> modseq(c);
            default -> throw new IllegalArgumentException("Unknown search key " + k);
        };
    }

    private static Cursor arg(Cursor c) {
        c.sp();
        return c;
    }

    private static String fieldName(String k) {
        return switch (k) {
            case "BCC" -> "Bcc";
            case "CC" -> "Cc";
            case "FROM" -> "From";
            case "SUBJECT" -> "Subject";
            default -> "To";
        };
    }

    private static SearchKey date(Cursor c, SearchKey.DateOp op, boolean sent) {
        c.sp();
        String s = c.peek() == '"' ? c.string(StandardCharsets.US_ASCII) : c.token();
        return new SearchKey.Date(op, ImapDates.parseDate(s), sent);
    }

    /** MODSEQ [entry-name entry-type-req] mod-sequence-valzer. */
    private static SearchKey modseq(Cursor c) {
        c.sp();
        if (c.peek() == '"') {
            c.string();
            c.sp();
            String type = c.atom().toLowerCase(Locale.ROOT);
            if (!type.equals("priv") && !type.equals("shared") && !type.equals("all")) {
                throw new IllegalArgumentException("Invalid MODSEQ entry type " + type);
            }
            c.sp();
        }
        return new SearchKey.ModSeq(c.number());
    }
}
