package io.smartlinkd.http;

import io.smartlinkd.agent.BotRules;
import io.smartlinkd.agent.UserAgentClassifier;
import io.smartlinkd.config.ConfigException;
import io.smartlinkd.geo.GeoService;
import io.smartlinkd.geo.GeoTable;

/**
 * The shared visitor classifiers a click consults: the country table and the user-agent classifier. The server
 * owns their lifecycles (start, reload, close); event loops only read them.
 */
public final class Classifiers {
    private final GeoService geo;
    private final UserAgentClassifier userAgents;

    public Classifiers(GeoService geo, UserAgentClassifier userAgents) {
        this.geo = geo;
        this.userAgents = userAgents;
    }

    /**
     * No country database and a user-agent classifier that is never started, so every answer is the scanner's
     * provisional one: for tests and benchmarks that build a {@link ServerState} by hand.
     */
    public static Classifiers provisional() {
        try {
            return new Classifiers(null, new UserAgentClassifier(BotRules.builtIn(), 1024));
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in bot rules do not load", e);
        }
    }

    /** The country table to use for one click (one volatile read). */
    GeoTable geoTable() {
        return geo == null ? GeoTable.EMPTY : geo.table();
    }

    public GeoService geo() {
        return geo;
    }

    public UserAgentClassifier userAgents() {
        return userAgents;
    }
}
