package io.smartlinkd.link;

/** The hash of a link key (domain number and slug) that the heap index and the per-loop record cache share. */
final class LinkKeyHash {
    private LinkKeyHash() {
    }

    /** FNV-1a over the key's bytes, its high bits folded down: keys differ mostly in their last bytes. */
    static int of(byte[] bytes, int length) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++) {
            h = (h ^ (bytes[i] & 0xFF)) * 0x100000001b3L;
        }
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }
}
