package org.mailferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself: both separator variants start, take the pathological corpus and give it back byte-exact. */
class DovecotServerTest {
    @Test
    void bothLayoutsStoreAndReturnTheCorpusExactly() throws Exception {
        for (DovecotServer.Layout layout : List.of(DovecotServer.Layout.MAILDIR_DOT, DovecotServer.Layout.MAILDIR_FS)) {
            try (DovecotServer s = DovecotServer.builder().layout(layout).user("alice", "pw#1 x").start()) {
                List<DovecotCorpus.Folder> corpus = DovecotCorpus.pathological(7, layout.separator);
                DovecotCorpus.fill(s, "alice", corpus);
                try (DovecotImap c = new DovecotImap(s.host(), s.imapPort(), "alice", "pw#1 x")) {
                    assertThat(c.list()).as(layout + " folders").hasSize(corpus.size());
                    for (DovecotCorpus.Folder f : corpus) {
                        List<DovecotImap.Msg> got = c.messages(DovecotCorpus.name(f, layout));
                        assertThat(got.stream().map(DovecotImap.Msg::sha256).toList()).as(layout + " " + f.path())
                                .isEqualTo(f.messages().stream().map(m -> DovecotImap.sha256(m.bytes())).toList());
                    }
                }
            }
        }
    }
}
