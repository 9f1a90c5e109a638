package org.mailferry.store.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mailferry.data.DataFormat;
import org.mailferry.data.DataFormatException;
import org.mailferry.directory.AccountSettings;
import org.mailferry.store.AccountConfig;

/**
 * An account's store configuration read from the directory's files — {@code account.info} (Type),
 * {@code account.settings}, and its domain's {@code account.defaults} and {@code domain.settings}
 * (LegacyINBOXPath) — without opening the directory, which belongs to the running server. The directory
 * applies each change to these files right after its journal, so they are current. The mapping itself is
 * {@link AccountConfig#fromSettings}, the same as the server's.
 */
final class AccountFiles {
    private AccountFiles() {
    }

    /** The configuration of the account in {@code accountDir}, whose domain folder is its parent. */
    static AccountConfig config(Path accountDir, String accountName) throws IOException {
        Path domainDir = accountDir.getParent();
        Map<String, Object> effective = new LinkedHashMap<>(AccountSettings.DEFAULTS);
        effective.putAll(read(domainDir.resolve("account.defaults")));
        effective.putAll(read(accountDir.resolve("account.settings")));
        Object type = read(accountDir.resolve("account.info")).get("Type");
        Object pattern = read(domainDir.resolve("domain.settings")).get("LegacyINBOXPath");
        try {
            return AccountConfig.fromSettings(type instanceof String t ? t : null, effective, pattern, accountName);
        } catch (IllegalArgumentException e) {
            throw new IOException(accountDir.resolve("account.info") + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return Map.of();
        }
        try {
            return DataFormat.parseDictionary(text);
        } catch (DataFormatException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
