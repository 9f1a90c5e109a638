/**
 * The CommuniGate Pro data format: strings, datablocks, arrays, dictionaries and typed atoms, as used by
 * settings files, CLI parameters and CLI output (docs/data-format.md). Pure: no I/O, no other layer.
 */
package org.mailferry.data;
