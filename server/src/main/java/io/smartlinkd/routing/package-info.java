/**
 * The routing engine: where a click on a link with rules goes, and why.
 *
 * <h2>Shape</h2>
 * {@link io.smartlinkd.routing.RoutingCompiler} turns a validated config into a
 * {@link io.smartlinkd.routing.RoutingTable} once per config generation (on the reload thread). The table is
 * immutable: rule sets indexed by the number each link record carries, offers by their stable number, pools.
 * {@link io.smartlinkd.routing.RoutingTable#router} binds it to the process's
 * {@link io.smartlinkd.routing.CapCounters}, which outlive generations, and the generation's
 * {@link io.smartlinkd.link.LinkSet} holds the resulting {@link io.smartlinkd.routing.Router}, so a request sees the
 * link record and the rules of one generation.
 *
 * <h2>Hot path</h2>
 * {@link io.smartlinkd.routing.Router#route} reads {@link io.smartlinkd.routing.ClickFacts} and fills a
 * {@link io.smartlinkd.routing.RouteDecision} that the event loop owns; it takes no lock and allocates nothing. Rule
 * conditions are compiled to bitsets and masks (countries as a 26&times;26 bitset, device/OS/browser codes as
 * bitsets, hours as a 24-bit mask, weekdays as a 7-bit mask, languages packed into ints) and byte matchers for the
 * query and the referrer that read the request's characters in place. Only written conditions are checked, cheapest
 * first. Local hours and days come from a per-zone cache of the UTC offset valid until the next transition.
 *
 * <h2>Weighted draws</h2>
 * A draw picks among the eligible offers with probability weight / (sum of eligible weights), from a SplitMix64
 * generator in the decision object (one per event loop: no shared state, reproducible with a seed in tests). When
 * the drawn offer loses the race for its last cap slot it is removed and the draw repeats among the rest, so the
 * distribution among the offers still available stays proportional.
 *
 * <h2>Caps</h2>
 * See {@link io.smartlinkd.routing.CapCounters} for the window words, why a cap is never exceeded under concurrency,
 * and what survives a crash or a power loss. A node enforces {@code floor(cap * caps_share)}, so nodes whose shares
 * add up to 1 never exceed a cap together.
 */
package io.smartlinkd.routing;
