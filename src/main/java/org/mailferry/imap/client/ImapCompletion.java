package org.mailferry.imap.client;

/** The tagged completion of one command (RFC 3501 §7.1): OK, NO or BAD, its response code and text. */
public record ImapCompletion(String tag, String status, String code, String text) {
    public boolean ok() { return "OK".equals(status); }

    public String codeName() {
        if (code == null) return "";
        int sp = code.indexOf(' ');
        return (sp < 0 ? code : code.substring(0, sp)).toUpperCase(java.util.Locale.ROOT);
    }

    /** For messages to the operator: status, code and the server's text. */
    public String describe() {
        return status + (code != null ? " [" + code + "]" : "") + (text == null || text.isEmpty() ? "" : " " + text);
    }
}
