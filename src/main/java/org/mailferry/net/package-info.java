/**
 * Network layer: listeners serving each connection on a virtual thread with blocking sockets, TLS and
 * STARTTLS, and the protocol-neutral stream tools every text protocol uses (line reader with limits,
 * dot-stuffing). Knows no protocol and no store.
 */
package org.mailferry.net;
