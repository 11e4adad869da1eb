package io.smartlinkd.http;

import io.netty.channel.EventLoop;
import io.smartlinkd.clickid.ClickIdKey;
import io.smartlinkd.config.JournalConfig;
import io.smartlinkd.config.Limits;
import io.smartlinkd.config.VisitorConfig;
import io.smartlinkd.journal.ClickJournal;
import io.smartlinkd.link.LinkSet;
import io.smartlinkd.net.CidrSet;
import io.smartlinkd.visitor.VisitorTracking;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every connection of one running server shares: the current {@link LinkSet}, readiness, counters and the
 * per-event-loop workspaces. Thread-safe: the link set and flags are volatile, counters are {@link LongAdder}s.
 */
public final class ServerState {
    private final int nodeId;
    private final ClickIdKey clickIdKey;
    private final Limits limits;
    private final boolean healthOnPublic;
    private final ClickJournal journal;
    private final JournalConfig.IpPrivacy ipPrivacy;
    private final CidrSet trustedProxies;
    private final boolean proxyProtocol;
    private final VisitorTracking visitors;
    private final Classifiers classifiers;
    private final LongAdder botClicks = new LongAdder();
    private final LongAdder prefetchClicks = new LongAdder();
    private final LongAdder proxyHeadersRefused = new LongAdder();
    private final LongAdder[] outcomes = new LongAdder[ClickOutcome.values().length];
    private final Map<EventLoop, LoopContext> loops = new ConcurrentHashMap<>();
    private final AtomicInteger minterIndexes = new AtomicInteger();
    private final LongAdder codesIssued = new LongAdder();
    private final LongAdder codesReused = new LongAdder();
    private final LongAdder codesPending = new LongAdder();
    private final LongAdder codesFailed = new LongAdder();
    private volatile io.smartlinkd.discount.DiscountService discounts;
    private volatile OrderWebhooks webhooks;
    private volatile LinkSet linkSet;
    private volatile boolean accepting;
    private volatile boolean draining;
    private volatile boolean closing;

    /** Without trusted proxies or PROXY protocol, with the default visitor settings (tests, benchmarks). */
    public ServerState(int nodeId, ClickIdKey clickIdKey, Limits limits, boolean healthOnPublic, ClickJournal journal,
                       JournalConfig.IpPrivacy ipPrivacy) {
        this(nodeId, clickIdKey, limits, healthOnPublic, journal, ipPrivacy, CidrSet.EMPTY, false,
                VisitorConfig.DEFAULTS);
    }

    /** With the scanner's provisional visitor classification and no country database (tests, benchmarks). */
    public ServerState(int nodeId, ClickIdKey clickIdKey, Limits limits, boolean healthOnPublic, ClickJournal journal,
                       JournalConfig.IpPrivacy ipPrivacy, CidrSet trustedProxies, boolean proxyProtocol,
                       VisitorConfig visitors) {
        this(nodeId, clickIdKey, limits, healthOnPublic, journal, ipPrivacy, trustedProxies, proxyProtocol, visitors,
                Classifiers.provisional());
    }

    /**
     * @param trustedProxies peers whose {@code X-Forwarded-For} is believed
     * @param proxyProtocol  every public connection must start with a PROXY protocol header
     * @param visitors       visitor cookie and unique-click settings; its keys derive from {@code clickIdKey}
     * @param classifiers    country and user-agent classification
     */
    public ServerState(int nodeId, ClickIdKey clickIdKey, Limits limits, boolean healthOnPublic, ClickJournal journal,
                       JournalConfig.IpPrivacy ipPrivacy, CidrSet trustedProxies, boolean proxyProtocol,
                       VisitorConfig visitors, Classifiers classifiers) {
        this.classifiers = classifiers;
        this.nodeId = nodeId;
        this.journal = journal;
        this.ipPrivacy = ipPrivacy;
        this.clickIdKey = clickIdKey;
        this.limits = limits;
        this.healthOnPublic = healthOnPublic;
        this.trustedProxies = trustedProxies;
        this.proxyProtocol = proxyProtocol;
        this.visitors = new VisitorTracking(visitors, clickIdKey, System.currentTimeMillis());
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = new LongAdder();
        }
    }

    public LinkSet linkSet() {
        return linkSet;
    }

    /** Swaps in a new generation; returns the one it replaced (null the first time). */
    public LinkSet swap(LinkSet next) {
        LinkSet previous = linkSet;
        linkSet = next;
        return previous;
    }

    /** Ready when a config is loaded, the public listener accepts, and the server is not draining. */
    public boolean ready() {
        return linkSet != null && accepting && !draining;
    }

    /** The public listener is bound. */
    public void startAccepting() {
        accepting = true;
    }

    public void startDraining() {
        draining = true;
    }

    /** After this, responses carry {@code Connection: close} and idle connections are closed. */
    public void startClosing() {
        closing = true;
    }

    public boolean closing() {
        return closing;
    }

    /** The node's discount codes; without them, links with a discount redirect without a code. */
    public void discounts(io.smartlinkd.discount.DiscountService service) {
        this.discounts = service;
    }

    public io.smartlinkd.discount.DiscountService discounts() {
        return discounts;
    }

    /** The order webhooks; without them, POSTs are answered 405. */
    public void webhooks(OrderWebhooks endpoints) {
        this.webhooks = endpoints;
    }

    public OrderWebhooks webhooks() {
        return webhooks;
    }

    /** Counts a coded click: a fresh code, or one the visitor already held. */
    void recordCode(boolean reused) {
        (reused ? codesReused : codesIssued).increment();
    }

    /** A click on a link whose discount is TBD. */
    void recordCodePending() {
        codesPending.increment();
    }

    /** The issued-code store refused a write (full disk, full map): the click went on without a code. */
    void recordCodeFailure() {
        codesFailed.increment();
    }

    public long codesIssued() {
        return codesIssued.sum();
    }

    public long codesReused() {
        return codesReused.sum();
    }

    public long codesPending() {
        return codesPending.sum();
    }

    public long codesFailed() {
        return codesFailed.sum();
    }

    public Classifiers classifiers() {
        return classifiers;
    }

    /** Counts a journaled click that was not a person: a bot, and among those the prefetches and HEADs. */
    void recordNonHuman(boolean prefetch) {
        botClicks.increment();
        if (prefetch) {
            prefetchClicks.increment();
        }
    }

    public long botClicks() {
        return botClicks.sum();
    }

    public long prefetchClicks() {
        return prefetchClicks.sum();
    }

    public ClickJournal journal() {
        return journal;
    }

    JournalConfig.IpPrivacy ipPrivacy() {
        return ipPrivacy;
    }

    CidrSet trustedProxies() {
        return trustedProxies;
    }

    /** The public listener requires a PROXY protocol header on every connection. */
    public boolean proxyProtocol() {
        return proxyProtocol;
    }

    VisitorTracking visitors() {
        return visitors;
    }

    /** Connections closed because their PROXY protocol header was missing or malformed. */
    public long proxyHeadersRefused() {
        return proxyHeadersRefused.sum();
    }

    void proxyHeaderRefused() {
        proxyHeadersRefused.increment();
    }

    public Limits limits() {
        return limits;
    }

    public boolean healthOnPublic() {
        return healthOnPublic;
    }

    public long count(ClickOutcome outcome) {
        return outcomes[outcome.ordinal()].sum();
    }

    void record(ClickOutcome outcome) {
        outcomes[outcome.ordinal()].increment();
    }

    /** Open client connections, summed over event loops (racy snapshot, for metrics and shutdown). */
    public int openConnections() {
        int open = 0;
        for (LoopContext loop : loops.values()) {
            open += loop.openConnections();
        }
        return open;
    }

    LoopContext loop(EventLoop eventLoop) {
        return loops.computeIfAbsent(eventLoop, this::newLoop);
    }

    private LoopContext newLoop(EventLoop eventLoop) {
        int index = minterIndexes.getAndIncrement();
        if (index > 255) {
            throw new IllegalStateException("more than 256 event loops");
        }
        return new LoopContext(eventLoop, this, nodeId, clickIdKey, index);
    }
}
