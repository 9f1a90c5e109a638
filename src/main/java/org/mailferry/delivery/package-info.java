/**
 * Mail delivery: a message enters as a {@link org.mailferry.delivery.DeliveryTransaction} (start, add recipients,
 * body, commit or abort — nothing is kept before commit), recipients are resolved by a
 * {@link org.mailferry.delivery.Router} (accounts, account aliases, forwarders, groups of the directory), local
 * ones are stored in the account's INBOX through a {@link org.mailferry.delivery.LocalDelivery}, remote ones go
 * into the persistent {@link org.mailferry.delivery.OutboundQueue} that sends them through a relay host with
 * retries and bounces (DSN, RFC 3464). A full Router with rules and mailing lists replaces the two interfaces
 * later. Uses directory, store, access, smtp.proto (addresses, replies) and net; no session code.
 */
package org.mailferry.delivery;
