package org.mailferry.imap.proto;

/**
 * Grammar of Mailferry's fidelity extension (capability {@code X-MAILFERRY-UIDS}, docs/imap.md), written in the
 * RFC 4466 extension syntax: the create-param {@code X-UIDVALIDITY n} and the append-exts {@code X-UID n} and
 * {@code X-UIDL string}. A mover uses it to keep a source mailbox's UIDVALIDITY and UIDs, and its messages' POP3
 * UIDLs. Pure grammar; the server decides what is allowed.
 */
public final class FidelityExtension {
    /** The capability the server advertises once authenticated. */
    public static final String CAPABILITY = "X-MAILFERRY-UIDS";
    /** RFC 4466 create-param: {@code CREATE name (X-UIDVALIDITY n)}. */
    public static final String CREATE_PARAM = "X-UIDVALIDITY";
    /** RFC 4466 append-ext, after the flags and date, before the literal: {@code APPEND name X-UID n {..}}. */
    public static final String APPEND_EXT = "X-UID";
    /**
     * RFC 4466 append-ext, like X-UID: {@code APPEND name X-UIDL "uidl" {..}} records the POP3 UIDL the message had
     * on the old server (1 to 70 characters from 0x21 to 0x7E, RFC 1939 §7), which POP3 then shows for it.
     */
    public static final String APPEND_UIDL = "X-UIDL";

    private FidelityExtension() {
    }

    /** A UIDL as X-UIDL gives it: an astring of 1 to 70 characters from 0x21 to 0x7E. */
    static String uidl(Cursor c) {
        String u = c.astring(java.nio.charset.StandardCharsets.US_ASCII);
        if (!org.mailferry.util.Uidls.valid(u)) {
            throw new IllegalArgumentException("A UIDL is 1 to 70 characters from 0x21 to 0x7E (RFC 1939)");
        }
        return u;
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
