package io.smartlinkd.server;

import io.smartlinkd.discount.CodePool;

import io.smartlinkd.agent.UserAgentClassifier;
import io.smartlinkd.geo.GeoService;
import io.smartlinkd.http.ClickOutcome;
import io.smartlinkd.http.ServerState;
import io.smartlinkd.link.LinkSet;

/** Renders counters and gauges in the Prometheus text format for {@code /metrics}. */
final class Metrics {
    private final ServerState server;
    private final Reloader reloader;

    Metrics(ServerState server, Reloader reloader) {
        this.server = server;
        this.reloader = reloader;
    }

    String render() {
        StringBuilder out = new StringBuilder(1024);
        out.append("# HELP smartlinkd_clicks_total Click requests on the public listener by outcome.\n");
        out.append("# TYPE smartlinkd_clicks_total counter\n");
        for (ClickOutcome outcome : ClickOutcome.values()) {
            out.append("smartlinkd_clicks_total{outcome=\"").append(outcome.label()).append("\"} ")
                    .append(server.count(outcome)).append('\n');
        }
        gauge(out, "smartlinkd_open_connections", "Open client connections on the public listener.",
                server.openConnections());
        counter(out, "smartlinkd_proxy_protocol_refused_total",
                "Public connections closed for a missing or malformed PROXY protocol header.",
                server.proxyHeadersRefused());
        counter(out, "smartlinkd_bot_clicks_total",
                "Journaled clicks that were not a person: crawler user agents, prefetches and HEAD requests.",
                server.botClicks());
        counter(out, "smartlinkd_prefetch_clicks_total", "Of the bot clicks, prefetches and HEAD requests.",
                server.prefetchClicks());
        UserAgentClassifier userAgents = server.classifiers().userAgents();
        counter(out, "smartlinkd_user_agent_cache_misses_total",
                "Clicks whose user agent was not classified yet: answered by the fast scanner, parsed in the background.",
                userAgents.misses());
        counter(out, "smartlinkd_user_agent_queue_dropped_total",
                "User agents not queued for parsing because the queue was full (parsed on a later miss).",
                userAgents.dropped());
        counter(out, "smartlinkd_user_agents_parsed_total", "User agents parsed in full by the background thread.",
                userAgents.parsed());
        GeoService geo = server.classifiers().geo();
        if (geo != null) {
            gauge(out, "smartlinkd_geo_networks", "Networks in the loaded country table (0: no database).",
                    geo.networks());
            counter(out, "smartlinkd_geo_reloads_total", "Country database loads.", geo.reloads());
            counter(out, "smartlinkd_geo_reload_failures_total",
                    "Country database files refused (the loaded table stays).", geo.reloadFailures());
            gauge(out, "smartlinkd_geo_database_build_timestamp_seconds",
                    "Build time written in the loaded country database.", geo.databaseBuildEpochSeconds());
        }
        gauge(out, "smartlinkd_ready", "1 when serving and not draining.", server.ready() ? 1 : 0);
        LinkSet links = server.linkSet();
        gauge(out, "smartlinkd_links", "Links in the live config.", links == null ? 0 : links.links().size());
        gauge(out, "smartlinkd_config_generation", "Generation number of the live config.",
                links == null ? 0 : links.generation());
        var journal = server.journal();
        counter(out, "smartlinkd_journal_records_total", "Click records written to the journal.",
                journal.recordsWritten());
        gauge(out, "smartlinkd_journal_lag_records", "Records published but not yet written.", journal.lag());
        gauge(out, "smartlinkd_journal_ring_capacity", "Slots in the publish ring.", journal.ringCapacity());
        gauge(out, "smartlinkd_journal_ring_remaining", "Free slots in the publish ring.", journal.ringRemaining());
        counter(out, "smartlinkd_journal_refused_total", "Clicks answered 503 because the journal could not take them.",
                journal.refused());
        counter(out, "smartlinkd_config_reloads_total", "Config reloads applied.", reloader.succeeded());
        counter(out, "smartlinkd_config_reload_failures_total", "Config reloads rejected; the old config kept serving.",
                reloader.failed());
        gauge(out, "smartlinkd_config_last_reload_success_timestamp_seconds", "When a config last went live.",
                reloader.lastSuccessMs() / 1000);
        discounts(out);
        return out.toString();
    }

    private void discounts(StringBuilder out) {
        counter(out, "smartlinkd_codes_issued_total", "Discount codes handed to clicks for the first time.",
                server.codesIssued());
        counter(out, "smartlinkd_codes_reissued_total", "Clicks given back the code their visitor already held.",
                server.codesReused());
        counter(out, "smartlinkd_codes_pending_clicks_total", "Clicks on links whose discount is TBD (no code).",
                server.codesPending());
        counter(out, "smartlinkd_codes_store_failures_total", "Codes not handed out because the store refused a write.",
                server.codesFailed());
        var discounts = server.discounts();
        if (discounts != null) {
            perPool(out, "smartlinkd_code_pool_ready", "gauge", "Ready codes in each discount's pool.",
                    discounts.pools(), CodePool::level);
            perPool(out, "smartlinkd_code_pool_empty_total", "counter",
                    "Coded clicks that found the pool empty (no code).", discounts.pools(), CodePool::emptyTakes);
            counter(out, "smartlinkd_code_refill_failures_total", "Pool refills the code provider failed.",
                    discounts.refillFailures());
            counter(out, "smartlinkd_codes_purged_total", "Unused codes purged after validity and grace.",
                    discounts.purged());
        }
        var webhooks = server.webhooks();
        if (webhooks != null) {
            counter(out, "smartlinkd_orders_recorded_total", "Orders received by webhook and journaled.",
                    webhooks.ordersRecorded());
            counter(out, "smartlinkd_orders_repeated_total", "Repeated deliveries of orders already recorded.",
                    webhooks.ordersRepeated());
            counter(out, "smartlinkd_webhook_signatures_refused_total", "Webhooks refused for a bad signature (401).",
                    webhooks.refusedSignatures());
        }
    }

    /** One series per discount pool, labelled with the discount id. */
    private static void perPool(StringBuilder out, String name, String type, String help,
                                java.util.List<CodePool> pools, java.util.function.ToLongFunction<CodePool> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (CodePool pool : pools) {
            out.append(name).append("{discount=\"").append(pool.discountId()).append("\"} ")
                    .append(value.applyAsLong(pool)).append('\n');
        }
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append(' ').append(value).append('\n');
    }
}
