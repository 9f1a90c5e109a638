/**
 * The CLI admin interface over the PWD protocol (TCP port 106): login (USER/PASS, APOP, AUTH PLAIN),
 * INLINE mode, and the CGP administration commands, with parameters and results in the CGP data format
 * (docs/cli.md). Uses directory/ and data/; knows no mailbox format.
 */
package org.mailferry.cli;
