package org.mailferry.imap.client;

import java.util.List;

/** What SELECT/EXAMINE told (RFC 3501 §6.3.1): message count, UIDVALIDITY, UIDNEXT (0 = not sent), permanent flags. */
public record SelectInfo(long exists, long uidValidity, long uidNext, List<String> permanentFlags, boolean readOnly) {
    /** True when the server lets clients create keywords ({@code \*} in PERMANENTFLAGS, or no PERMANENTFLAGS at all). */
    public boolean keywordsAllowed() { return permanentFlags == null || permanentFlags.contains("\\*"); }
}
