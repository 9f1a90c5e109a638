package org.mailferry.store;

/**
 * How a mailbox is kept on disk (docs/formats.md): a text file in BSD mbox form, or a MailDir folder
 * with one file per message. The extension is the one CommuniGate Pro uses.
 */
public enum MailboxFormat {
    MBOX(".mbox"),
    MDIR(".mdir");

    private final String extension;

    MailboxFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}
