package io.smartlinkd.discount;

/** A ready code in a pool: its ASCII bytes and the store's id for it (0 for local codes). Made off the hot path. */
public record PooledCode(byte[] code, long storeId) {
}
