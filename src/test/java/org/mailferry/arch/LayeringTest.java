package org.mailferry.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way (STYLE.md): reads the import lines (and fully qualified references) of every main
 * source file and fails when a layer uses one it must not know. Protocol codecs may use net's stream utilities
 * (LineReader, dot-stuffing), never sockets, the store or the directory.
 */
class LayeringTest {
    /** Package (under org.mailferry) → packages it must not use. */
    private static final Map<String, List<String>> FORBIDDEN = Map.ofEntries(
            Map.entry("util", List.of("data", "mime", "auth", "directory", "store", "delivery", "net", "smtp", "pop3",
                    "imap", "cli", "migrate", "app")),
            Map.entry("data", List.of("mime", "auth", "directory", "store", "delivery", "net", "smtp", "pop3", "imap",
                    "cli", "migrate", "app")),
            Map.entry("auth", List.of("directory", "store", "delivery", "smtp", "pop3", "imap", "cli", "migrate",
                    "app")),
            Map.entry("directory", List.of("store", "delivery", "net", "smtp", "pop3", "imap", "cli", "migrate",
                    "app")),
            Map.entry("mime", List.of("directory", "store", "delivery", "net", "smtp", "pop3", "imap", "cli",
                    "migrate", "app")),
            Map.entry("store", List.of("delivery", "net", "smtp", "pop3", "imap", "cli", "migrate", "app")),
            Map.entry("imap.proto", List.of("store", "directory", "imap.server", "delivery", "app")),
            Map.entry("smtp.proto", List.of("store", "directory", "smtp.server", "delivery", "app")),
            Map.entry("pop3.proto", List.of("store", "directory", "pop3.server", "delivery", "app")),
            Map.entry("cli", List.of("store", "delivery", "smtp", "pop3", "imap", "migrate", "app")),
            Map.entry("net", List.of("directory", "store", "delivery", "smtp", "pop3", "imap", "cli", "migrate",
                    "app")));

    private static final Pattern REF = Pattern.compile("org\\.mailferry\\.([a-z0-9]+(?:\\.[a-z0-9]+)*)");

    @Test
    void layersOnlyUseTheLayersBelow() throws IOException {
        Path root = Path.of("src/main/java/org/mailferry");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(f.getParent()).toString().replace('/', '.');
                for (var rule : FORBIDDEN.entrySet()) {
                    if (!(pkg.equals(rule.getKey()) || pkg.startsWith(rule.getKey() + "."))) {
                        continue;
                    }
                    int n = 0;
                    for (String line : Files.readAllLines(f)) {
                        n++;
                        if (line.startsWith("package ")) {
                            continue;
                        }
                        Matcher m = REF.matcher(line);
                        while (m.find()) {
                            String used = m.group(1);
                            for (String bad : rule.getValue()) {
                                if (used.equals(bad) || used.startsWith(bad + ".")) {
                                    violations.add(root.relativize(f) + ":" + n + " (" + pkg + ") uses " + used);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(violations).as("layering violations").isEmpty();
    }
}
