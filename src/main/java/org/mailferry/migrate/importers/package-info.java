/**
 * The importers of the seed's first migration step, "create all existing mail accounts ... especially account
 * passwords": account list files (tab-delimited, {@link org.mailferry.migrate.importers.AccountList}),
 * {@code /etc/passwd} + {@code /etc/shadow}, LDIF exports of Netscape/iPlanet directories (read with the UnboundID
 * LDAP SDK) and sendmail/Postfix aliases files.
 *
 * <p>Layer: a client of a running server. Each importer turns its input into {@link
 * org.mailferry.migrate.importers.Wanted} objects (pure, no I/O but reading the input), the {@link
 * org.mailferry.migrate.importers.Planner} compares them with what the server has (read-only CLI commands) and the
 * {@link org.mailferry.migrate.importers.Runner} applies the plan over one or more CLI connections. May use
 * {@code cli.CliClient}, {@code data}, {@code auth.Passwords} (client-side validation of imported hashes) and the
 * pure name rules of {@code directory} ({@code Names}, {@code AccountSettings}); never the directory's storage,
 * never {@code app}. The picocli commands live in {@code app.ImportCommand}. Docs: docs/importers.md.
 */
package org.mailferry.migrate.importers;
