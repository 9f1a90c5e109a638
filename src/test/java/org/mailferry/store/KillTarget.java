package org.mailferry.store;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * The child JVM of {@link SigkillTest}: appends, flags and expunges in a loop and prints each operation
 * once it has returned ("A uid", "X uid"), until it is killed.
 */
public final class KillTarget {
    private KillTarget() {
    }

    public static byte[] message(Random r, int n) {
        StringBuilder p = new StringBuilder();
        for (int i = r.nextInt(40); i >= 0; i--) {
            p.append(r.nextInt(5) == 0 ? "From line " : "text ").append(i).append(r.nextBoolean() ? "\n" : "\r\n");
        }
        if (r.nextInt(4) == 0) {
            p.append("x".repeat(r.nextInt(200_000)));
        }
        byte[] payload = p.toString().getBytes(StandardCharsets.ISO_8859_1);
        CRC32 c = new CRC32();
        c.update(payload);
        String head = "Subject: " + n + "\nX-Sum: " + c.getValue() + "\n\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + payload.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(payload, 0, all, h.length, payload.length);
        return all;
    }

    /** True when the message is one {@link #message} made, complete. */
    static boolean intact(byte[] m) {
        String s = new String(m, StandardCharsets.ISO_8859_1);
        int i = s.indexOf("\n\n");
        int k = s.indexOf("X-Sum: ");
        if (i < 0 || k < 0) {
            return false;
        }
        long want = Long.parseLong(s.substring(k + 7, s.indexOf('\n', k)));
        CRC32 c = new CRC32();
        c.update(m, i + 2, m.length - i - 2);
        return c.getValue() == want;
    }

    public static void main(String[] args) throws Exception {
        Path acct = Path.of(args[0]);
        MailboxFormat f = MailboxFormat.valueOf(args[1]);
        Random r = new Random(Long.parseLong(args[2]));
        // unbuffered: each line reaches the file before the operation that follows it
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.US_ASCII);
        MailStore s = new MailStore();
        AccountStore a = s.account(acct, AccountConfig.DEFAULT.withFormat(f));
        Mailbox m = a.open("INBOX", false);
        out.println("READY");
        for (int n = 0; ; n++) {
            int op = r.nextInt(20);
            m.poll();
            if (op < 12 || m.exists() == 0) {
                List<AppendRequest> reqs = new ArrayList<>();
                for (int k = 1 + r.nextInt(3); k > 0; k--) {
                    reqs.add(AppendRequest.of(MessageSource.ofBytes(message(r, n))));
                }
                for (long uid : m.append(reqs).uids()) {
                    out.println("A " + uid);
                }
            } else if (op < 17) {
                long uid = m.message(1 + r.nextInt(m.exists())).uid();
                m.store(List.of(uid), r.nextBoolean() ? FlagOp.ADD : FlagOp.REMOVE, Flags.of(Flag.SEEN), -1);
            } else {
                long uid = m.message(1 + r.nextInt(m.exists())).uid();
                out.println("D " + uid); // may vanish from now on: an expunge may be under way when killed
                m.store(List.of(uid), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
                for (long x : m.expunge(null)) {
                    out.println("X " + x);
                }
            }
        }
    }
}
