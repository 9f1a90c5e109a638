package org.mailferry.directory;

import java.util.Locale;

/**
 * CGP account types. MultiMailbox accounts hold any number of mailboxes; TextMailbox and MailDirMailbox
 * accounts hold an INBOX only, in text (BSD mbox) or MailDir format. The A/B/C grades are MultiMailbox
 * accounts with licensed extras in CGP and behave as MultiMailbox here.
 */
public enum AccountType {
    MultiMailbox, TextMailbox, MailDirMailbox, AGrade, BGrade, CGrade;

    /** The type for a CLI keyword, or null when the word is not a type. */
    public static AccountType fromKeyword(String word) {
        for (AccountType t : values()) {
            if (t.name().equalsIgnoreCase(word)) {
                return t;
            }
        }
        return null;
    }

    /** Whether new mailboxes of this account are MailDir (.mdir) rather than text (.mbox). */
    public boolean mailDir() {
        return this == MailDirMailbox;
    }

    /** Whether the account may hold mailboxes other than INBOX. */
    public boolean multiMailbox() {
        return this != TextMailbox && this != MailDirMailbox;
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
