package io.smartlinkd.config;

import io.smartlinkd.net.CidrSet;

/**
 * The {@code server:} section.
 *
 * @param nodeId            0..65535, unique per node behind one load balancer; part of every click id
 * @param listen            public listener
 * @param admin             admin listener (health, readiness, reload, metrics); loopback by default
 * @param healthOnPublic    also answer {@code /healthz} and {@code /readyz} on the public listener
 * @param dataDir           where tables live; null = decided by the command line ({@code --data}) or {@code ./data}
 * @param limits            request limits and timeouts
 * @param drainMs           after SIGTERM, how long readiness is reported false before the listener closes
 * @param shutdownTimeoutMs upper bound on finishing in-flight requests after the listener closes
 * @param ioThreads         event loops; 0 = one per available processor
 * @param clickIdKey        secret for click id MACs (from {@code ${ENV}} or a file); null = generated once into the data dir
 * @param defaultDomain     domain whose links answer requests whose Host matches no domain; null = 404 for those
 * @param journal           how clicks are recorded
 * @param geo               the country database
 * @param trustedProxies    peers whose {@code X-Forwarded-For} is believed (load balancers, CDNs); empty = none
 * @param proxyProtocol     the public listener requires a PROXY protocol (v1 or v2) header on every connection
 * @param visitors          visitor cookie and unique clicks
 * @param capsShare         this node's share of every offer cap, 0 &lt; share &le; 1 (several nodes split a cap)
 * @param webhooks          order webhook secrets and limits
 */
public record ServerConfig(
        int nodeId,
        HostPort listen,
        HostPort admin,
        boolean healthOnPublic,
        String dataDir,
        Limits limits,
        long drainMs,
        long shutdownTimeoutMs,
        int ioThreads,
        String clickIdKey,
        String defaultDomain,
        JournalConfig journal,
        GeoConfig geo,
        CidrSet trustedProxies,
        boolean proxyProtocol,
        VisitorConfig visitors,
        double capsShare,
        WebhookConfig webhooks) {

    public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 8080);
    public static final HostPort DEFAULT_ADMIN = new HostPort("127.0.0.1", 9090);

    public static ServerConfig defaults() {
        return new ServerConfig(0, DEFAULT_LISTEN, DEFAULT_ADMIN, false, null, Limits.DEFAULTS,
                2_000, 10_000, 0, null, null, JournalConfig.DEFAULTS, GeoConfig.DEFAULTS, CidrSet.EMPTY, false,
                VisitorConfig.DEFAULTS, 1.0, WebhookConfig.DEFAULTS);
    }

    @Override
    public String toString() {
        // Never print the secret.
        return "ServerConfig[nodeId=" + nodeId + ", listen=" + listen + ", admin=" + admin
                + ", healthOnPublic=" + healthOnPublic + ", dataDir=" + dataDir + ", limits=" + limits
                + ", drainMs=" + drainMs + ", shutdownTimeoutMs=" + shutdownTimeoutMs + ", ioThreads=" + ioThreads
                + ", clickIdKey=" + (clickIdKey == null ? "generated" : "***") + ", defaultDomain=" + defaultDomain
                + ", journal=" + journal + ", geo=" + geo + ", trustedProxies=" + trustedProxies
                + ", proxyProtocol=" + proxyProtocol + ", visitors=" + visitors
                + ", capsShare=" + capsShare + ", webhooks=" + webhooks + "]";
    }
}
