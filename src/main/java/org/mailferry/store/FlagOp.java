package org.mailferry.store;

/** How a STORE changes flags (RFC 3501 §6.4.6): {@code +FLAGS}, {@code -FLAGS}, {@code FLAGS}. */
public enum FlagOp {
    ADD, REMOVE, REPLACE
}
