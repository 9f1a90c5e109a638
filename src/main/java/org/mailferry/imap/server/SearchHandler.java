package org.mailferry.imap.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.mailferry.imap.proto.ImapCommand;
import org.mailferry.imap.proto.SearchKey;
import org.mailferry.imap.proto.SequenceSet;
import org.mailferry.store.Mailbox;
import org.mailferry.store.MessageInfo;
import org.mailferry.store.StoreException;

/**
 * SEARCH and UID SEARCH (RFC 3501 §6.4.4) with ESEARCH's RETURN options (RFC 4731) and CONDSTORE's MODSEQ
 * criterion and result (RFC 7162 §3.1.5).
 */
final class SearchHandler {
    private SearchHandler() {
    }

    static String search(ImapSession s, ImapCommand.Search c) throws ImapException, IOException {
        SelectedMailbox box = s.selected().mailbox();
        Mailbox view = box.view;
        boolean modseq = usesModSeq(c.key());
        if (modseq) {
            s.condstore = true;
        }
        SearchEvaluator ev = new SearchEvaluator(view, s.cache);
        List<Long> hits = new ArrayList<>();
        long highest = 0;
        List<MessageInfo> msgs = view.messages();
        try {
            for (int i = 0; i < msgs.size(); i++) {
                MessageInfo m = msgs.get(i);
                if (ev.matches(c.key(), i + 1, m)) {
                    hits.add(c.uid() ? m.uid() : i + 1);
                    highest = Math.max(highest, m.modSeq());
                }
            }
        } catch (StoreException e) {
            throw ImapException.of(e);
        }
        if (c.returnOptions() == null) {
            StringBuilder sb = new StringBuilder("SEARCH");
            for (long h : hits) {
                sb.append(' ').append(h);
            }
            if (modseq && !hits.isEmpty()) {
                sb.append(" (MODSEQ ").append(highest).append(')');
            }
            s.out.untagged(sb.toString());
            return "SEARCH completed";
        }
        List<String> opts = c.returnOptions().isEmpty() ? List.of("ALL") : c.returnOptions();
        StringBuilder sb = new StringBuilder("ESEARCH (TAG \"").append(c.tag()).append("\")");
        if (c.uid()) {
            sb.append(" UID");
        }
        if (!hits.isEmpty()) {
            if (opts.contains("MIN")) {
                sb.append(" MIN ").append(hits.get(0));
            }
            if (opts.contains("MAX")) {
                sb.append(" MAX ").append(hits.get(hits.size() - 1));
            }
        }
        if (opts.contains("COUNT")) {
            sb.append(" COUNT ").append(hits.size());
        }
        if (opts.contains("ALL") && !hits.isEmpty()) {
            sb.append(" ALL ").append(SequenceSet.compact(hits.stream().mapToLong(Long::longValue).toArray()));
        }
        if (modseq && !hits.isEmpty()) {
            sb.append(" MODSEQ ").append(highest);
        }
        s.out.untagged(sb.toString());
        return "SEARCH completed";
    }

    private static boolean usesModSeq(SearchKey k) {
        return switch (k) {
            case SearchKey.ModSeq m -> true;
            case SearchKey.Not n -> usesModSeq(n.key());
            case SearchKey.Or o -> usesModSeq(o.left()) || usesModSeq(o.right());
            case SearchKey.And a -> a.keys().stream().anyMatch(SearchHandler::usesModSeq);
            default -> false;
        };
    }
}
