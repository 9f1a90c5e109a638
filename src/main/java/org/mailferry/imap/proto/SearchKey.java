package org.mailferry.imap.proto;

import java.time.LocalDate;
import java.util.List;

/**
 * A SEARCH criterion (RFC 3501 §6.4.4, MODSEQ from RFC 7162 §3.1.5). The parser reduces the RFC's many keys to
 * these few forms: FROM/TO/CC/BCC/SUBJECT are {@link Header} keys, ANSWERED/UNSEEN/KEYWORD… are {@link Flag}
 * keys, NEW and OLD are built from {@link Recent}, {@link Flag} and {@link Not}.
 */
public sealed interface SearchKey {
    record All() implements SearchKey {
    }

    /** A message with ({@code set}) or without the flag or keyword. */
    record Flag(String flag, boolean set) implements SearchKey {
    }

    record Recent() implements SearchKey {
    }

    /** Header field {@code name} contains {@code value} (case-insensitive; empty value: the field exists). */
    record Header(String name, String value) implements SearchKey {
    }

    record Body(String value) implements SearchKey {
    }

    record Text(String value) implements SearchKey {
    }

    enum DateOp { BEFORE, ON, SINCE }

    /** Internal date ({@code sent} false) or Date: header ({@code sent} true) compared by day. */
    record Date(DateOp op, LocalDate date, boolean sent) implements SearchKey {
    }

    record Size(boolean larger, long octets) implements SearchKey {
    }

    record Sequence(SequenceSet set) implements SearchKey {
    }

    record Uid(SequenceSet set) implements SearchKey {
    }

    record ModSeq(long modseq) implements SearchKey {
    }

    record Not(SearchKey key) implements SearchKey {
    }

    record Or(SearchKey left, SearchKey right) implements SearchKey {
    }

    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }
    }
}
