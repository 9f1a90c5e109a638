/**
 * Network layer: listeners serving each connection on a virtual thread with blocking sockets; later TLS
 * and STARTTLS. Knows no protocol and no store.
 */
package org.mailferry.net;
