/**
 * The directory: domains (main, secondary, domain aliases), accounts with settings and templates, account
 * aliases, forwarders and groups, kept on disk in the CommuniGate Pro layout (docs/layout.md). Uses data/ and
 * auth/; knows no protocol and no mailbox format.
 */
package org.mailferry.directory;
