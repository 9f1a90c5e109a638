package org.mailferry.imap.server;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mailferry.imap.proto.FetchItem;
import org.mailferry.imap.proto.ImapCommand;
import org.mailferry.imap.proto.ImapDates;
import org.mailferry.imap.proto.ImapWriter;
import org.mailferry.mime.MimePart;
import org.mailferry.store.Flag;
import org.mailferry.store.FlagOp;
import org.mailferry.store.Flags;
import org.mailferry.store.Mailbox;
import org.mailferry.store.MessageInfo;
import org.mailferry.store.StoreException;

/**
 * FETCH and UID FETCH (RFC 3501 §6.4.5, §7.4.2; CHANGEDSINCE and MODSEQ of RFC 7162). Body sections are streamed
 * from the store as literals, never loaded whole. Fetching a body without PEEK sets {@code \Seen} first, so the
 * FLAGS sent reflect it.
 */
final class FetchHandler {
    private FetchHandler() {
    }

    static String fetch(ImapSession s, ImapCommand.Fetch c) throws ImapException, IOException {
        State.Selected sel = s.selected();
        SelectedMailbox box = sel.mailbox();
        Mailbox view = box.view;
        List<Long> uids = box.uids(c.set(), c.uid());
        List<FetchItem> items = c.items();
        if (c.changedSince() >= 0 || items.contains(new FetchItem.Simple(FetchItem.Attr.MODSEQ))) {
            s.condstore = true;
        }
        Set<Long> marked = new HashSet<>();
        if (!view.readOnly() && box.may('s') && items.stream().anyMatch(FetchItem::setsSeen)) {
            List<Long> unseen = new ArrayList<>();
            for (long uid : uids) {
                if (!view.message(view.msn(uid)).flags().has(Flag.SEEN)) {
                    unseen.add(uid);
                }
            }
            if (!unseen.isEmpty()) {
                try {
                    view.store(unseen, FlagOp.ADD, Flags.of(Flag.SEEN), -1);
                    marked.addAll(unseen);
                } catch (StoreException e) {
                    throw ImapException.of(e);
                }
            }
        }
        boolean wantsFlags = items.contains(new FetchItem.Simple(FetchItem.Attr.FLAGS));
        for (long uid : uids) {
            int msn = view.msn(uid);
            if (msn == 0) {
                continue;
            }
            MessageInfo info = view.message(msn);
            if (c.changedSince() >= 0 && info.modSeq() <= c.changedSince()) {
                continue;
            }
            try {
                one(s, view, msn, info, items, marked.contains(uid) && !wantsFlags);
            } catch (StoreException e) {
                if (e.reason() == StoreException.Reason.EXPUNGED) {
                    throw ImapException.no("EXPUNGEISSUED", "Some messages were expunged by another session");
                }
                throw ImapException.of(e);
            }
        }
        return "FETCH completed";
    }

    private static void one(ImapSession s, Mailbox view, int msn, MessageInfo info, List<FetchItem> items,
                            boolean addFlags) throws IOException {
        ImapWriter w = s.out;
        long uid = info.uid();
        w.raw("* ").number(msn).raw(" FETCH (");
        boolean first = true;
        for (FetchItem item : items) {
            if (!first) {
                w.sp();
            }
            first = false;
            switch (item) {
                case FetchItem.Simple simple -> simple(s, view, info, simple.attr(), w);
                case FetchItem.Body b -> body(s, view, info, b, w);
            }
        }
        if (addFlags) {
            w.raw(first ? "" : " ").raw("FLAGS ").raw(SelectedMailbox.flags(info.flags(), view.isRecent(uid)));
        }
        w.raw(")").crlf();
    }

    private static void simple(ImapSession s, Mailbox view, MessageInfo info, FetchItem.Attr attr, ImapWriter w)
            throws IOException {
        long uid = info.uid();
        switch (attr) {
            case UID -> w.raw("UID ").number(uid);
            case FLAGS -> w.raw("FLAGS ").raw(SelectedMailbox.flags(info.flags(), view.isRecent(uid)));
            case INTERNALDATE -> w.raw("INTERNALDATE \"")
                    .raw(ImapDates.formatDateTime(info.internalDate().atOffset(ZoneOffset.UTC))).raw("\"");
            case RFC822_SIZE -> w.raw("RFC822.SIZE ").number(info.size());
            case MODSEQ -> w.raw("MODSEQ (").number(info.modSeq()).raw(")");
            case ENVELOPE -> {
                w.raw("ENVELOPE ");
                StructureWriter.envelope(w, s.cache.header(view, uid, info.size()).fields());
            }
            case BODY, BODYSTRUCTURE -> {
                w.raw(attr == FetchItem.Attr.BODY ? "BODY " : "BODYSTRUCTURE ");
                StructureWriter.body(w, s.cache.structure(view, uid), attr == FetchItem.Attr.BODYSTRUCTURE);
            }
            case RFC822 -> {
                w.raw("RFC822 ");
                range(w, view, uid, 0, info.size());
            }
            case RFC822_HEADER -> {
                w.raw("RFC822.HEADER ");
                range(w, view, uid, 0, s.cache.header(view, uid, info.size()).bodyStart());
            }
            case RFC822_TEXT -> {
                w.raw("RFC822.TEXT ");
                range(w, view, uid, s.cache.header(view, uid, info.size()).bodyStart(), info.size());
            }
        }
    }

    private static void body(ImapSession s, Mailbox view, MessageInfo info, FetchItem.Body b, ImapWriter w)
            throws IOException {
        long uid = info.uid();
        w.raw(b.responseName()).sp();
        SectionReader.Content content;
        if (b.section().part().isEmpty() && b.section().kind() == org.mailferry.imap.proto.Section.Kind.ALL) {
            content = new SectionReader.Range(0, info.size());
        } else {
            MimePart root = SectionReader.needsStructure(b.section()) ? s.cache.structure(view, uid)
                    : s.cache.header(view, uid, info.size());
            content = SectionReader.resolve(view, uid, root, info.size(), b.section());
        }
        switch (content) {
            case SectionReader.None n -> w.raw(b.partial() ? "\"\"" : "NIL");
            case SectionReader.Bytes bytes -> {
                byte[] all = bytes.bytes();
                if (b.partial()) {
                    int from = (int) Math.min(all.length, b.start());
                    int to = (int) Math.min(all.length, b.start() + b.length());
                    all = java.util.Arrays.copyOfRange(all, from, to);
                }
                w.literal(all);
            }
            case SectionReader.Range r -> {
                long start = r.start();
                long end = r.end();
                if (b.partial()) {
                    start = Math.min(end, r.start() + b.start());
                    end = Math.min(end, start + b.length());
                }
                range(w, view, uid, start, end);
            }
        }
    }

    private static void range(ImapWriter w, Mailbox view, long uid, long start, long end) throws IOException {
        long len = Math.max(0, end - start);
        if (len == 0) {
            w.raw("\"\"");
            return;
        }
        try (InputStream in = view.open(uid, start, len)) {
            w.literal(in, len);
        }
    }
}
