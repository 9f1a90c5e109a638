package org.mailferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Table of source name → target name, including the seed's examples. */
class FolderMapperTest {
    private static void check(FolderMapper m, String[][] cases) {
        for (String[] c : cases) assertThat(m.map(c[0])).as("map(%s)", c[0]).isEqualTo(c[1]);
    }

    @Test
    void dotWithInboxPrefixToSlash() {
        check(new FolderMapper('.', "INBOX.", '/', "", false), new String[][] {
                {"INBOX", "INBOX"}, {"inbox", "INBOX"}, {"INBOX.Sent Items", "Sent Items"}, {"INBOX.Archive.2019", "Archive/2019"},
                {"INBOX.a/b", "a_b"}, {"INBOX.Work.mbox", "Work/mbox"}, {"INBOX.Lists.x", "Lists/x"},
                {"INBOX.R&-D.&ZeVnLIqe-", "R&-D/&ZeVnLIqe-"}, {"Shared.x", "Shared/x"},
        });
    }

    @Test
    void slashToDotWithInboxPrefix() {
        check(new FolderMapper('/', "", '.', "INBOX.", false), new String[][] {
                {"INBOX", "INBOX"}, {"Sent Items", "INBOX.Sent Items"}, {"Archive/2019", "INBOX.Archive.2019"},
                {"Release v1.2", "INBOX.Release v1_2"}, {"INBOX/child", "INBOX.child"}, {"a.mbox", "INBOX.a-mbox"},
        });
    }

    @Test
    void seedSourceAndTargetPrefixExamples() {
        // --source abc/ copies abc/mail1 and abc/mail2 as mail1 and mail2
        check(new FolderMapper('/', "abc/", '/', "", false), new String[][] {{"abc/mail1", "mail1"}, {"abc/mail2", "mail2"}});
        // --target '~username/' puts everything under another account on CommuniGate Pro
        check(new FolderMapper('/', "", '/', "~username/", true), new String[][] {
                {"INBOX", "~username/INBOX"}, {"Sent", "~username/Sent"}, {"a/b", "~username/a/b"}});
    }

    @Test
    void flatServers() {
        check(new FolderMapper(null, "", '.', "", false), new String[][] {{"a.b", "a_b"}, {"x", "x"}});
    }
}
