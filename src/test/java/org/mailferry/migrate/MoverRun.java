package org.mailferry.migrate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One in-process mover run with {@code --journal} and {@code --verbose}: its exit code and its merged output. */
record MoverRun(int code, String out) {
    static MoverRun imap(Path journal, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
        int code = MoveIMAPMail.run(withJournal(journal, args), ps, ps, null, null);
        return new MoverRun(code, o.toString(StandardCharsets.UTF_8));
    }

    static MoverRun pop(Path journal, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
        int code = MovePOPMail.run(withJournal(journal, args), ps, ps, null);
        return new MoverRun(code, o.toString(StandardCharsets.UTF_8));
    }

    private static String[] withJournal(Path journal, String... args) {
        List<String> a = new ArrayList<>(List.of("--journal", journal.toString(), "--verbose"));
        a.addAll(List.of(args));
        return a.toArray(String[]::new);
    }
}
