package org.mailferry.data;

import java.util.Arrays;
import java.util.Base64;

/** A datablock {@code [base64]}: opaque bytes, compared by content. */
public record DataBlock(byte[] bytes) {
    public DataBlock {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataBlock d && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "[" + Base64.getEncoder().encodeToString(bytes) + "]";
    }
}
