package io.smartlinkd.routing;

/**
 * The outcome of routing one click, filled in place by {@link Router#route}: where the click goes, which rule and
 * offer decided it, the template program to render, and the offers passed over with their reasons.
 *
 * <p>Mutable and reused: one instance per event loop, not thread-safe. It also owns the loop's random number
 * generator (SplitMix64) and the scratch arrays of weighted draws, so routing needs no shared state but the cap
 * counters and allocates nothing in steady state.
 */
public final class RouteDecision {
    /** Skips kept per click; further ones are only counted in {@link #skipsDropped()}. */
    public static final int MAX_SKIPS = 16;

    private RouteKind kind = RouteKind.DEFAULT;
    private int ruleNumber;
    private int offerNumber;
    private boolean fallback;
    private byte[] program;
    private int programOffset;
    private int programLength;
    private byte[] offerId;
    private int lostStatus;
    private final int[] skippedOffers = new int[MAX_SKIPS];
    private final SkipReason[] skipReasons = new SkipReason[MAX_SKIPS];
    private int skipCount;
    private int skipsDropped;
    private long randomState;
    // Weighted draws: indexes into the pool and their weights; grown once for larger pools.
    int[] candidates = new int[32];
    long[] candidateWeights = new long[32];

    public RouteDecision() {
        this(System.nanoTime() ^ Thread.currentThread().getId() * 0x9E3779B97F4A7C15L);
    }

    /** With a fixed seed, for reproducible draws in tests. */
    public RouteDecision(long seed) {
        this.randomState = seed;
    }

    private int discount;

    void reset() {
        kind = RouteKind.DEFAULT;
        ruleNumber = 0;
        offerNumber = 0;
        fallback = false;
        program = null;
        programOffset = 0;
        programLength = 0;
        offerId = null;
        lostStatus = 0;
        skipCount = 0;
        skipsDropped = 0;
        discount = 0;
    }

    void rule(int number) {
        ruleNumber = number;
    }

    void destination(byte[] destination, int discountNumber) {
        kind = RouteKind.DESTINATION;
        discount = discountNumber;
        setProgram(destination);
    }

    /** The matched destination rule's discount number; 0 when it has none (or the click went elsewhere). */
    public int discount() {
        return discount;
    }

    void offer(Offer offer, boolean isFallback) {
        kind = RouteKind.OFFER;
        offerNumber = offer.number;
        offerId = offer.idBytes;
        fallback = isFallback;
        setProgram(offer.program);
    }

    void lost(RuleSet ruleSet) {
        kind = RouteKind.LOST;
        lostStatus = ruleSet.lostStatus;
        if (ruleSet.lostProgram != null) {
            setProgram(ruleSet.lostProgram);
        }
    }

    void skip(Offer offer, SkipReason reason) {
        if (skipCount < MAX_SKIPS) {
            skippedOffers[skipCount] = offer.number;
            skipReasons[skipCount] = reason;
            skipCount++;
        } else {
            skipsDropped++;
        }
    }

    private void setProgram(byte[] bytes) {
        program = bytes;
        programOffset = 0;
        programLength = bytes.length;
    }

    /** A uniformly distributed value in {@code [0, bound)}; SplitMix64, confined to the owning loop. */
    long nextLong(long bound) {
        randomState += 0x9E3779B97F4A7C15L;
        long z = randomState;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return Long.remainderUnsigned(z, bound);
    }

    void ensureCandidates(int size) {
        if (candidates.length < size) {
            candidates = new int[size];
            candidateWeights = new long[size];
        }
    }

    public RouteKind kind() {
        return kind;
    }

    /** 1-based rule of the link that matched; 0 when none did. */
    public int ruleNumber() {
        return ruleNumber;
    }

    /** The chosen offer's stable number (goes into the click id); 0 when no offer. */
    public int offerNumber() {
        return offerNumber;
    }

    /** The offer is its pool's fallback. */
    public boolean fallback() {
        return fallback;
    }

    /** The offer id as ASCII bytes for the {@code {offer}} macro; null when no offer. */
    public byte[] offerId() {
        return offerId;
    }

    /**
     * The template program to render for {@link RouteKind#DESTINATION}, {@link RouteKind#OFFER} and a
     * {@link RouteKind#LOST} that redirects; null for {@link RouteKind#DEFAULT} (render the link's destination) and
     * for a lost click answered with {@link #lostStatus()}.
     */
    public byte[] program() {
        return program;
    }

    public int programOffset() {
        return programOffset;
    }

    public int programLength() {
        return programLength;
    }

    /** For {@link RouteKind#LOST}: the status to answer with (404, 410, 503), or 0 to redirect to {@link #program()}. */
    public int lostStatus() {
        return lostStatus;
    }

    /** Offers passed over for this click, in the order they were considered (at most {@link #MAX_SKIPS}). */
    public int skipCount() {
        return skipCount;
    }

    public int skippedOffer(int index) {
        return skippedOffers[index];
    }

    public SkipReason skipReason(int index) {
        return skipReasons[index];
    }

    /** Skips beyond {@link #MAX_SKIPS} that were not kept. */
    public int skipsDropped() {
        return skipsDropped;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("RouteDecision[").append(kind).append(", rule ").append(ruleNumber)
                .append(", offer ").append(offerNumber).append(fallback ? " (fallback)" : "");
        if (kind == RouteKind.LOST) {
            text.append(", status ").append(lostStatus);
        }
        for (int i = 0; i < skipCount; i++) {
            text.append(i == 0 ? ", skipped " : ", ").append(skippedOffers[i]).append(':')
                    .append(skipReasons[i].label());
        }
        return text.append(']').toString();
    }
}
