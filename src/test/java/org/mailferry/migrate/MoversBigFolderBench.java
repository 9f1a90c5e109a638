package org.mailferry.migrate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.mailferry.testing.DovecotCorpus;
import org.mailferry.testing.DovecotImap;
import org.mailferry.testing.DovecotServer;
import org.mailferry.testing.DovecotServer.Layout;

/**
 * bench/movers-bigfolder: one folder of 50,000 messages (default; 2–8 KB each), written straight into the
 * source Dovecot's Maildir, copied by MoveIMAPMail under -Xmx256m and by mbsync, each into a fresh account.
 * Prints seconds, messages/s and peak RSS, and the message count found on the target.
 * Usage: MoversBigFolderBench [MESSAGES]
 */
public final class MoversBigFolderBench {
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        Path work = Files.createTempDirectory("mf-bench-big");
        try (DovecotServer src = DovecotServer.builder().layout(Layout.MAILDIR_FS).pop3(false).user("big", "b").start();
             DovecotServer tgt = DovecotServer.builder().layout(Layout.MAILDIR_DOT).pop3(false).user("ours", "o").user("mbsync", "m").start()) {
            Random r = new Random(7);
            long[] bytes = {0};
            Iterator<DovecotCorpus.Message> gen = new Iterator<>() {
                int i;

                public boolean hasNext() { return i < count; }

                public DovecotCorpus.Message next() {
                    DovecotCorpus.Message m = DovecotCorpus.sizedMessage(r, i++, 2_000 + r.nextInt(6_000));
                    bytes[0] += m.bytes().length;
                    return m;
                }
            };
            long t0 = System.nanoTime();
            DovecotCorpus.writeMaildirInbox(src, "big", gen);
            try (DovecotImap c = new DovecotImap(src.host(), src.imapPort(), "big", "b")) {
                c.command("EXAMINE INBOX"); // lets Dovecot index the folder before the clock starts
            }
            System.err.printf("source INBOX: %d messages, %.1f MB (written and indexed in %.1f s)%n", count, bytes[0] / 1e6,
                    (System.nanoTime() - t0) / 1e9);
            String java = MoversBench.java();
            List<String> move = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    MoveIMAPMail.class.getName(), "--journal", work.resolve("journal").toString(),
                    src.imapAddress(), "big", "b", tgt.imapAddress(), "ours", "o");
            MoversBench.Result ours = MoversBench.timed("MoveIMAPMail -Xmx256m", move, work);
            Path rc = work.resolve("mbsyncrc");
            Files.createDirectories(work.resolve("state"));
            Files.writeString(rc, MoversBench.mbsyncConfig(src, tgt, work.resolve("state")).replace("User bench\nPass b", "User big\nPass b"));
            List<String> mbsync = List.of("mbsync", "-c", rc.toString(), "-a");
            MoversBench.Result peer = MoversBench.timed("mbsync (isync " + MoversBench.version() + ")", mbsync, work);
            // the final pass: nothing new, then 100 messages read on the old server in the meantime
            MoversBench.Result same = MoversBench.timed("MoveIMAPMail rerun, nothing new", move, work);
            try (DovecotImap c = new DovecotImap(src.host(), src.imapPort(), "big", "b")) {
                c.command("SELECT INBOX");
                c.command("STORE 1:100 +FLAGS.SILENT (\\Flagged)");
            }
            MoversBench.Result flags = MoversBench.timed("MoveIMAPMail rerun, 100 messages flagged since", move, work);
            MoversBench.Result peerFlags = MoversBench.timed("mbsync rerun, same 100 flagged", mbsync, work);
            long sourceFlagged;
            try (DovecotImap c = new DovecotImap(src.host(), src.imapPort(), "big", "b")) {
                sourceFlagged = c.messages("INBOX").stream().filter(m -> m.flags().contains("\\Flagged")).count();
            }
            System.out.printf("%nOne folder of %d messages (%.1f MB), Dovecot %s -> Dovecot, loopback. Last column: the target at the end;"
                    + " the source then has %d flagged.%n%n", count, bytes[0] / 1e6, MoversBench.dovecotVersion(), sourceFlagged);
            System.out.println("| Tool | Seconds | Messages/s | Peak RSS | Exit | Messages on the target |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            for (var p : List.of(new Object[] {ours, "ours"}, new Object[] {peer, "mbsync"}, new Object[] {same, "ours"},
                    new Object[] {flags, "ours"}, new Object[] {peerFlags, "mbsync"})) {
                MoversBench.Result res = (MoversBench.Result) p[0];
                int n;
                long flagged;
                try (DovecotImap c = new DovecotImap(tgt.host(), tgt.imapPort(), (String) p[1], tgt.password((String) p[1]))) {
                    List<DovecotImap.Msg> msgs = c.messages("INBOX");
                    n = msgs.size();
                    flagged = msgs.stream().filter(m -> m.flags().contains("\\Flagged")).count();
                }
                boolean first = res == ours || res == peer;
                System.out.printf("| %s | %.1f | %s | %d MB | %d | %d (%d flagged) |%n", res.tool(), res.seconds(),
                        first ? String.format("%.0f", count / res.seconds()) : "-", res.peakRssKb() / 1024, res.code(), n, flagged);
            }
        } finally {
            ImapMove.deleteTree(work);
        }
    }
}
