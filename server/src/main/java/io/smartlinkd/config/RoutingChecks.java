package io.smartlinkd.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routing checks that need every file read: unique offer and pool ids, pools listing configured offers, and
 * link rules naming configured pools, partners and partner groups. The first definition (in file order) of an id
 * wins; later ones are reported and name the first.
 */
final class RoutingChecks {
    private final Errors errors;
    private final Map<String, SourceLocation> offersAt = new HashMap<>();
    private final Map<String, SourceLocation> poolsAt = new HashMap<>();
    private final List<OfferConfig> offers = new ArrayList<>();
    private final List<PoolConfig> pools = new ArrayList<>();
    // An entry that could not be read is reported already; a reference to it would be a misleading second error.
    private boolean someOfferUnread;
    private boolean somePoolUnread;

    private RoutingChecks(Errors errors) {
        this.errors = errors;
    }

    /** Resolves offers and pools; then {@link #ruleRefs} checks each link's rules as it is read. */
    static RoutingChecks resolve(ConfigDraft draft, Errors errors) {
        RoutingChecks checks = new RoutingChecks(errors);
        checks.offers(draft.offers);
        checks.pools(draft.pools);
        return checks;
    }

    List<OfferConfig> offers() {
        return List.copyOf(offers);
    }

    List<PoolConfig> pools() {
        return List.copyOf(pools);
    }

    private void offers(List<ConfigDraft.Offer> drafts) {
        for (ConfigDraft.Offer draft : drafts) {
            OfferConfig offer = draft.config();
            if (offer.id() == null) {
                someOfferUnread = true;
                continue;
            }
            SourceLocation first = offersAt.putIfAbsent(offer.id(), draft.idAt());
            if (first != null) {
                errors.add(draft.idAt(), "offer " + Messages.quote(offer.id()) + " is already defined at " + first);
                continue;
            }
            offers.add(offer);
        }
    }

    private void pools(List<ConfigDraft.Pool> drafts) {
        List<ConfigDraft.Pool> unique = new ArrayList<>();
        for (ConfigDraft.Pool draft : drafts) {
            if (draft.config().id() == null) {
                somePoolUnread = true;
                continue;
            }
            SourceLocation first = poolsAt.putIfAbsent(draft.config().id(), draft.idAt());
            if (first != null) {
                errors.add(draft.idAt(), "pool " + Messages.quote(draft.config().id()) + " is already defined at "
                        + first);
                continue;
            }
            unique.add(draft);
        }
        for (ConfigDraft.Pool draft : unique) {
            for (Located<String> offer : draft.offers()) {
                checkOffer(offer, "offer");
            }
            if (draft.fallback() != null) {
                checkOffer(draft.fallback(), "fallback");
            }
            pools.add(draft.config());
        }
    }

    private void checkOffer(Located<String> offer, String what) {
        if (offersAt.containsKey(offer.value()) || someOfferUnread) {
            return;
        }
        if (poolsAt.containsKey(offer.value())) {
            errors.add(offer.at(), what + " " + Messages.quote(offer.value())
                    + " is a pool; a pool lists offers, not pools");
            return;
        }
        errors.add(offer.at(), "unknown offer " + Messages.quote(offer.value()));
    }

    void ruleRefs(ConfigDraft.RuleRefs refs, Set<String> partners, Set<String> partnerGroups,
                          boolean somePartnerUnread) {
        for (Located<String> pool : refs.pools()) {
            if (poolsAt.containsKey(pool.value()) || somePoolUnread) {
                continue;
            }
            errors.add(pool.at(), "unknown pool " + Messages.quote(pool.value())
                    + (offersAt.containsKey(pool.value()) ? " (it is an offer; rules send clicks to pools)" : ""));
        }
        if (somePartnerUnread) {
            return;
        }
        for (Located<String> partner : refs.partners()) {
            if (!partners.contains(partner.value())) {
                errors.add(partner.at(), "unknown partner " + Messages.quote(partner.value()));
            }
        }
        for (Located<String> group : refs.partnerGroups()) {
            if (!partnerGroups.contains(group.value())) {
                errors.add(group.at(), "unknown partner group " + Messages.quote(group.value()) + " (no partner has it)");
            }
        }
    }
}
