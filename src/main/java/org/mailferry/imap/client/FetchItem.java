package org.mailferry.imap.client;

import java.util.List;

/**
 * The parts of one FETCH response (RFC 3501 §7.4.2) the movers use. {@code body} is what the
 * {@link LiteralSink} returned for BODY[] / RFC822 (or a byte[] when there was no sink); null when not fetched.
 */
public record FetchItem(long seq, long uid, List<String> flags, String internalDate, long size, Object body) {

    /** Builds an item from the parenthesised list of a FETCH response. */
    public static FetchItem of(long seq, ImapValue list) {
        if (!(list instanceof ImapValue.ListVal l)) throw new ImapProtocolException("FETCH without a list");
        long uid = 0, size = -1;
        List<String> flags = null;
        String date = null;
        Object body = null;
        List<ImapValue> it = l.items();
        for (int i = 0; i + 1 < it.size(); i += 2) {
            String name = ImapValue.text(it.get(i));
            if (name == null) throw new ImapProtocolException("FETCH item name missing");
            ImapValue v = it.get(i + 1);
            switch (name.toUpperCase(java.util.Locale.ROOT)) {
                case "UID" -> uid = Long.parseLong(ImapValue.text(v));
                case "RFC822.SIZE" -> size = Long.parseLong(ImapValue.text(v));
                case "INTERNALDATE" -> date = ImapValue.text(v);
                case "FLAGS" -> {
                    flags = new java.util.ArrayList<>();
                    if (v instanceof ImapValue.ListVal fl) for (ImapValue f : fl.items()) flags.add(ImapValue.text(f));
                }
                case "BODY[]", "RFC822", "BODY[HEADER]", "RFC822.HEADER" -> body = switch (v) {
                    case ImapValue.Taken t -> t.handle();
                    case ImapValue.Str s -> s.bytes();
                    default -> null;
                };
                default -> { }
            }
        }
        return new FetchItem(seq, uid, flags, date, size, body);
    }
}
