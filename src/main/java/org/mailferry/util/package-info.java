/** Small shared utilities with no knowledge of mail: durable file writes, limits, constant-time compare. */
package org.mailferry.util;
