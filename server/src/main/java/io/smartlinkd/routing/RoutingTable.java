package io.smartlinkd.routing;

import java.util.Map;

/**
 * The routing of one config generation, compiled: the links' rule sets (indexed by the number each link record
 * carries), offers by their stable number, pools. Immutable and free of run-time state; {@link #router} binds it to
 * the process's cap counters.
 */
public final class RoutingTable {
    /** No rules, no offers: every click goes to its link's destination. */
    public static final RoutingTable EMPTY = new RoutingTable(new RuleSet[1], new Offer[1], Map.of(), Map.of(),
            PartnerNumbers.NONE);

    final RuleSet[] ruleSets;
    final Offer[] offersByNumber;
    final Map<String, Offer> offers;
    final Map<String, Pool> pools;
    final PartnerNumbers partners;

    RoutingTable(RuleSet[] ruleSets, Offer[] offersByNumber, Map<String, Offer> offers, Map<String, Pool> pools,
                 PartnerNumbers partners) {
        this.ruleSets = ruleSets;
        this.offersByNumber = offersByNumber;
        this.offers = Map.copyOf(offers);
        this.pools = Map.copyOf(pools);
        this.partners = partners;
    }

    public Router router(CapCounters caps) {
        return new Router(this, caps);
    }

    /** Distinct rule sets (links with identical rules share one). */
    public int ruleSetCount() {
        return ruleSets.length - 1;
    }

    public int offerCount() {
        return offers.size();
    }

    public int poolCount() {
        return pools.size();
    }

    /** The stable number of a configured offer, or 0. */
    public int offerNumber(String id) {
        Offer offer = offers.get(id);
        return offer == null ? 0 : offer.number;
    }

    /** The id of a configured offer by number, or null. */
    public String offerId(int number) {
        return number > 0 && number < offersByNumber.length && offersByNumber[number] != null
                ? offersByNumber[number].id : null;
    }
}
