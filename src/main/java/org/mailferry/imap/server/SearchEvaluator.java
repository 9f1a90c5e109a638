package org.mailferry.imap.server;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailferry.imap.proto.SearchKey;
import org.mailferry.mime.HeaderField;
import org.mailferry.mime.MimePart;
import org.mailferry.mime.TextExtractor;
import org.mailferry.store.Flag;
import org.mailferry.store.Mailbox;
import org.mailferry.store.MessageInfo;

/**
 * Decides whether one message matches a SEARCH key (RFC 3501 §6.4.4). Cheap criteria (flags, sizes, dates, UIDs)
 * come from the index; header and body criteria read the message only when reached, once per message. String
 * matching is case-insensitive substring matching on decoded text; dates compare by day in UTC (internal date) or
 * in the Date header's own zone (SENT*).
 */
final class SearchEvaluator {
    private static final Pattern DATE = Pattern.compile("(\\d{1,2})\\s+([A-Za-z]{3})[a-z]*\\s+(\\d{2,4})");
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private final Mailbox view;
    private final MessageCache cache;
    private final long maxUid;
    private int msn;
    private MessageInfo info;
    private String body;

    SearchEvaluator(Mailbox view, MessageCache cache) {
        this.view = view;
        this.cache = cache;
        this.maxUid = view.exists() == 0 ? 0 : view.message(view.exists()).uid();
    }

    boolean matches(SearchKey key, int msn, MessageInfo info) throws IOException {
        this.msn = msn;
        this.info = info;
        this.body = null;
        return eval(key);
    }

    private boolean eval(SearchKey k) throws IOException {
        return switch (k) {
            case SearchKey.All a -> true;
            case SearchKey.Flag f -> {
                Flag sys = f.flag().startsWith("\\") ? Flag.ofImapName(f.flag()) : null;
                boolean has = sys != null ? info.flags().has(sys)
                        : !f.flag().startsWith("\\") && info.flags().hasKeyword(f.flag());
                yield has == f.set();
            }
            case SearchKey.Recent r -> view.isRecent(info.uid());
            case SearchKey.Header h -> header(h.name(), h.value());
            case SearchKey.Body b -> contains(body(), b.value());
            case SearchKey.Text t -> contains(body(), t.value()) || anyHeader(t.value());
            case SearchKey.Date d -> {
                LocalDate day = d.sent() ? sentDate() : info.internalDate().atOffset(ZoneOffset.UTC).toLocalDate();
                if (day == null) {
                    yield false;
                }
                yield switch (d.op()) {
                    case BEFORE -> day.isBefore(d.date());
                    case ON -> day.isEqual(d.date());
                    case SINCE -> !day.isBefore(d.date());
                };
            }
            case SearchKey.Size s -> s.larger() ? info.size() > s.octets() : info.size() < s.octets();
            case SearchKey.Sequence s -> s.set().contains(msn, view.exists());
            case SearchKey.Uid u -> u.set().contains(info.uid(), maxUid);
            case SearchKey.ModSeq m -> info.modSeq() >= m.modseq();
            case SearchKey.Not n -> !eval(n.key());
            case SearchKey.Or o -> eval(o.left()) || eval(o.right());
            case SearchKey.And a -> {
                for (SearchKey x : a.keys()) {
                    if (!eval(x)) {
                        yield false;
                    }
                }
                yield true;
            }
        };
    }

    private MimePart header() throws IOException {
        return cache.header(view, info.uid(), info.size());
    }

    private boolean header(String name, String value) throws IOException {
        for (HeaderField f : header().fields()) {
            if (f.name().equalsIgnoreCase(name)) {
                if (value.isEmpty() || contains(TextExtractor.headerValue(f.value()), value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean anyHeader(String value) throws IOException {
        for (HeaderField f : header().fields()) {
            if (contains(f.name() + ": " + TextExtractor.headerValue(f.value()), value)) {
                return true;
            }
        }
        return false;
    }

    private String body() throws IOException {
        if (body == null) {
            MimePart root = cache.structure(view, info.uid());
            long uid = info.uid();
            body = TextExtractor.bodyText(root, (off, len) -> view.open(uid, off, len));
        }
        return body;
    }

    private static boolean contains(String haystack, String needle) {
        return haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }

    private LocalDate sentDate() throws IOException {
        String d = HeaderField.first(header().fields(), "Date");
        if (d == null) {
            return null;
        }
        Matcher m = DATE.matcher(d);
        if (!m.find()) {
            return null;
        }
        int month = MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT));
        if (month < 0 || month % 3 != 0) {
            return null;
        }
        int year = Integer.parseInt(m.group(3));
        if (year < 100) {
            year += year < 50 ? 2000 : 1900;
        }
        try {
            return LocalDate.of(year, month / 3 + 1, Integer.parseInt(m.group(1)));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
