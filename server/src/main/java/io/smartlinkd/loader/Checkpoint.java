package io.smartlinkd.loader;

/**
 * How far one node's journal has been loaded: the next record starts at {@code offset} in {@code segment}, and the
 * last loaded record carried {@code sequence}. Stored in {@code journal_checkpoint} in the same transaction as the
 * rows it covers, which is what makes loading exactly once.
 */
public record Checkpoint(int node, long segment, long offset, long sequence) {
}
