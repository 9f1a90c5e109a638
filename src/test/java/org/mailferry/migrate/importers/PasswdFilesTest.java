package org.mailferry.migrate.importers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The passwd/shadow reading rules on hand-written lines: what each odd line becomes. */
class PasswdFilesTest {
    @Test
    void oddLines(@TempDir Path dir) throws Exception {
        Path passwd = dir.resolve("passwd");
        Path shadow = dir.resolve("shadow");
        Files.writeString(passwd, String.join("\n",
                "root:x:0:0:root:/root:/bin/bash",
                "# a comment",
                "+nisuser::::::",
                "short:x:1000",
                "baduid:x:10x0:100::/home/b:/bin/sh",
                "old:abQ9KY.KfrYrc:1001:100:Old &,,,:/home/old:/bin/csh",
                "noshadow:x:1002:100::/home/n:",
                "Upper:x:1003:100::/home/u:/bin/sh",
                "empty::1004:100::/home/e:/bin/sh",
                "bad$name:x:1005:100::/:/bin/sh",
                "badhash:x:1006:100::/:/bin/sh",
                "ftp:x:1007:100::/:/bin/false") + "\n");
        Files.writeString(shadow, String.join("\n",
                "root:*:19000:0:99999:7:::",
                "Upper:$1$abcdefgh$/cVyWKgyXk.D4pYhyCb4w.:19000:0:99999:7:::",
                "badhash:$9$nope:19000:0:99999:7:::",
                "broken:too:few") + "\n");
        PasswdFiles.Options opt = new PasswdFiles.Options(1000, 60000, false, false);
        List<Wanted> w = PasswdFiles.read(passwd, shadow, opt).wanted();
        assertThat(w).extracting(x -> x.source().line() + " " + x.getClass().getSimpleName()).containsExactly(
                "4 Invalid", // shadow:4 (broken)
                "3 Unmapped", "4 Invalid", "5 Invalid", "6 Account", "7 Account", "8 Account", "9 Account",
                "10 Invalid", "3 Invalid");
        assertThat(((Wanted.Invalid) w.get(0)).reason()).contains("3 fields, but a shadow line has 9");
        assertThat(((Wanted.Invalid) w.get(2)).reason()).contains("3 fields, but a passwd line has 7");
        assertThat(((Wanted.Invalid) w.get(3)).reason()).isEqualTo("the UID '10x0' is not a number");
        Wanted.Account old = (Wanted.Account) w.get(4);
        assertThat(old.settings()).containsEntry("RealName", "Old Old").containsEntry("Password",
                "\u0002abQ9KY.KfrYrc");
        assertThat(((Wanted.Account) w.get(5)).notes()).containsExactly("no shadow entry: imported without a password");
        assertThat(((Wanted.Account) w.get(6)).name()).isEqualTo("upper");
        assertThat(((Wanted.Account) w.get(7)).notes()).containsExactly(
                "empty password in " + passwd + ": imported without a password");
        assertThat(((Wanted.Invalid) w.get(8)).reason()).contains("contains '$'");
        assertThat(w.get(9).source().file()).isEqualTo(shadow.toString());
        assertThat(((Wanted.Invalid) w.get(9)).reason()).startsWith("UnixPassword:");

        List<Wanted> os = PasswdFiles.read(passwd, null, new PasswdFiles.Options(1000, 60000, true, true)).wanted();
        Wanted upper = os.stream().filter(x -> x.source().line() == 8).findFirst().orElseThrow();
        assertThat(((Wanted.Invalid) upper).reason()).contains("the OS password check looks up the OS user");
        Wanted ftp = os.stream().filter(x -> x.source().line() == 12).findFirst().orElseThrow();
        assertThat(((Wanted.Account) ftp).settings()).containsEntry("UseSysPassword", "YES")
                .doesNotContainKey("Password");
        assertThat(((Wanted.Account) ftp).notes()).containsExactly(
                "the OS password is missing: the OS refuses every login until it is set");
    }
}
