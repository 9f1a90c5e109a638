package org.mailferry.directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mailferry.data.DataFormat;
import org.mailferry.data.DataFormatException;

/** Reads one data-format dictionary file ({@code *.settings}, {@code *.data}); writes go through the {@link Journal}. */
final class SettingsFile {
    private SettingsFile() {
    }

    /** The dictionary in {@code file}, or an empty one when the file does not exist. */
    static Map<String, Object> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return DataFormat.parseDictionary(text);
        } catch (DataFormatException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }


    /** Applies an update: each key is set, and a key whose value is the string "default" is removed. */
    static Map<String, Object> merge(Map<String, Object> current, Map<String, Object> update) {
        Map<String, Object> m = new LinkedHashMap<>(current);
        for (var e : update.entrySet()) {
            if ("default".equals(e.getValue())) {
                m.remove(e.getKey());
            } else {
                m.put(e.getKey(), e.getValue());
            }
        }
        return m;
    }
}
