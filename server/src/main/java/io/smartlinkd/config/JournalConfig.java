package io.smartlinkd.config;

/**
 * The {@code server.journal:} section: how clicks are recorded.
 *
 * @param ringSize        events the publish ring holds (power of two); when full, clicks get 503 + Retry-After
 * @param segmentBytes    a segment is sealed and a new one started past this size
 * @param fsync           when written records are forced to disk
 * @param fsyncIntervalMs for {@link Fsync#INTERVAL}: the longest a written record waits for its fsync
 * @param ipPrivacy       how the client IP is kept in click records
 */
public record JournalConfig(int ringSize, long segmentBytes, Fsync fsync, long fsyncIntervalMs, IpPrivacy ipPrivacy) {
    public static final JournalConfig DEFAULTS = new JournalConfig(65_536, 64L << 20, Fsync.INTERVAL, 200,
            IpPrivacy.TRUNCATE);

    /** Fsync policies. */
    public enum Fsync {
        /** Force every {@code fsyncIntervalMs}: a crash of the machine loses at most that window. */
        INTERVAL,
        /** Force after every batch the writer takes from the ring: nothing written is ever lost. */
        BATCH,
        /** Leave it to the OS: a process crash loses nothing, a machine crash may lose the page cache. */
        NONE
    }

    /** Forms of the client IP kept in click records. */
    public enum IpPrivacy {
        /** IPv4 /24, IPv6 /48. */
        TRUNCATE,
        /** Keep nothing. */
        NONE
    }
}
