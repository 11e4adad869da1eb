package io.smartlinkd.loadgen;

import java.util.SplittableRandom;

/**
 * Who sends each request: a client address (for X-Forwarded-For), a browser user agent and a language.
 *
 * <p>Fresh (the default): every request is a new visitor with a new random public address, a user agent drawn by
 * traffic weight and a language drawn uniformly. Most clicks on a real link come from people who never clicked it
 * before, and the server's costs follow: a unique-click claim, a geo lookup of an address no cache has seen, a new
 * discount code. Returning ({@code population} visitors): that many visitors are drawn once, each keeping its own
 * address, user agent and language, and each request comes from one of them picked uniformly, so the server sees
 * the same visitor again (its unique-click check and code reuse key on address and user agent).
 *
 * <p>Immutable after construction and safe to share between event loops; {@link #draw} allocates nothing, it fills
 * the caller's {@link Visitor}.
 */
final class Visitors {
    /** One request's visitor; a flyweight that each lane owns and refills per request. */
    static final class Visitor {
        int address;
        int agent;
        /** Index of the Accept-Language value, or -1 when there are none. */
        int language;
    }

    private final WeightedSampler agents;
    private final int languages;
    private final int[] addresses;
    private final int[] agentOf;
    private final int[] languageOf;

    private Visitors(WeightedSampler agents, int languages, int[] addresses, int[] agentOf, int[] languageOf) {
        this.agents = agents;
        this.languages = languages;
        this.addresses = addresses;
        this.agentOf = agentOf;
        this.languageOf = languageOf;
    }

    /** A new visitor for every request. */
    static Visitors fresh(WeightedSampler agents, int languages) {
        return new Visitors(agents, languages, null, null, null);
    }

    /** A fixed population of returning visitors, drawn now from {@code random}. */
    static Visitors returning(int population, WeightedSampler agents, int languages, SplittableRandom random) {
        if (population < 1) {
            throw new IllegalArgumentException("population must be >= 1: " + population);
        }
        int[] addresses = new int[population];
        int[] agentOf = new int[population];
        int[] languageOf = new int[population];
        for (int i = 0; i < population; i++) {
            addresses[i] = PublicIpv4.draw(random);
            agentOf[i] = agents.sample(random);
            languageOf[i] = language(languages, random);
        }
        return new Visitors(agents, languages, addresses, agentOf, languageOf);
    }

    void draw(SplittableRandom random, Visitor into) {
        if (addresses == null) {
            into.address = PublicIpv4.draw(random);
            into.agent = agents.sample(random);
            into.language = language(languages, random);
        } else {
            int i = random.nextInt(addresses.length);
            into.address = addresses[i];
            into.agent = agentOf[i];
            into.language = languageOf[i];
        }
    }

    private static int language(int languages, SplittableRandom random) {
        return languages == 0 ? -1 : random.nextInt(languages);
    }
}
