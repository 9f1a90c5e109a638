package org.mailferry.imap.proto;

/**
 * Grammar of Mailferry's fidelity extension (capability {@code X-MAILFERRY-UIDS}, docs/imap.md), written in the
 * RFC 4466 extension syntax: the create-param {@code X-UIDVALIDITY n} and the append-ext {@code X-UID n}. A mover
 * uses it to keep a source mailbox's UIDVALIDITY and UIDs. Pure grammar; the server decides what is allowed.
 */
public final class FidelityExtension {
    /** The capability the server advertises once authenticated. */
    public static final String CAPABILITY = "X-MAILFERRY-UIDS";
    /** RFC 4466 create-param: {@code CREATE name (X-UIDVALIDITY n)}. */
    public static final String CREATE_PARAM = "X-UIDVALIDITY";
    /** RFC 4466 append-ext, after the flags and date, before the literal: {@code APPEND name X-UID n {..}}. */
    public static final String APPEND_EXT = "X-UID";

    private FidelityExtension() {
    }

    /** A nz-number of 32 bits (1 to 4294967295). */
    static long nonZero32(Cursor c) {
        long v = c.number32();
        if (v == 0) {
            throw new IllegalArgumentException("A UID or UIDVALIDITY is 1 to 4294967295");
        }
        return v;
    }
}
