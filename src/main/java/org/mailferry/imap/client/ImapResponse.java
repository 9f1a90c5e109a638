package org.mailferry.imap.client;

import java.util.List;

/**
 * One server response (RFC 3501 §7): a continuation ({@code tag = "+"}), an untagged response
 * ({@code tag = "*"}) or a tagged completion. {@code kind} is the upper-cased keyword: OK, NO, BAD, BYE,
 * PREAUTH, CAPABILITY, LIST, FETCH, EXISTS, ... For numbered responses ({@code * 3 FETCH}) {@code number}
 * holds the number, otherwise -1. Status responses carry their response code ({@code APPENDUID 7 42},
 * without brackets) and human text; the others carry parsed {@code values}.
 */
public record ImapResponse(String tag, String kind, long number, List<ImapValue> values, String code, String text) {

    public boolean isContinuation() { return "+".equals(tag); }

    public boolean isUntagged() { return "*".equals(tag); }

    public boolean isStatus() {
        return switch (kind) {
            case "OK", "NO", "BAD", "BYE", "PREAUTH" -> true;
            default -> false;
        };
    }

    /** The code's keyword ({@code APPENDUID}), or "" when there is no code. */
    public String codeName() {
        if (code == null) return "";
        int sp = code.indexOf(' ');
        return (sp < 0 ? code : code.substring(0, sp)).toUpperCase(java.util.Locale.ROOT);
    }

    /** Short form for error messages: never includes literal payloads. */
    public String summary() {
        return tag + " " + kind + (code != null ? " [" + code + "]" : "") + (text != null ? " " + text : "");
    }
}
