package io.smartlinkd.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.smartlinkd.agent.UserAgentClassifier;
import io.smartlinkd.clickid.ClickIdKey;
import io.smartlinkd.config.Config;
import io.smartlinkd.config.ConfigException;
import io.smartlinkd.config.ConfigLoader;
import io.smartlinkd.config.ConfigSource;
import io.smartlinkd.config.HostPort;
import io.smartlinkd.config.ServerConfig;
import io.smartlinkd.discount.CodeProviders;
import io.smartlinkd.discount.DiscountService;
import io.smartlinkd.discount.OrderIntake;
import io.smartlinkd.discount.OrderLedger;
import io.smartlinkd.geo.GeoService;
import io.smartlinkd.http.Classifiers;
import io.smartlinkd.http.OrderWebhooks;
import io.smartlinkd.http.PublicChannelInitializer;
import io.smartlinkd.http.ServerState;
import io.smartlinkd.journal.ClickJournal;
import io.smartlinkd.journal.DurableWaits;
import io.smartlinkd.journal.OrderRecord;
import io.smartlinkd.link.LinkManifest;
import io.smartlinkd.link.LinkSet;
import io.smartlinkd.link.SlugRegistry;
import io.smartlinkd.routing.CapCounters;
import io.smartlinkd.routing.OfferRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running smartlinkd: the public listener (clicks), the admin listener, the config reloader and the tables in
 * the data dir. {@link #start} returns once clicks are served; {@link #stop} drains and closes in order.
 */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final ServerConfig config;
    private final ServerState state;
    private final SlugRegistry registry;
    private final CapCounters caps;
    private final EventLoopGroup clickLoops;
    private final EventLoopGroup adminLoops;
    private final Reloader reloader;
    private final Channel adminChannel;
    private final Channel publicChannel;
    private final ConfigWatcher watcher;
    private final OrderLedger orders;
    private final DurableWaits durableWaits;
    private boolean stopped;
    /** Issued codes alive at once (a day of coded clicks, with room); the maps grow past it if needed. */
    private static final long DISCOUNT_CAPACITY = 1_000_000;
    /** Codes are purged days after their click (validity + grace): scanning the map once in 10 minutes is enough. */
    private static final long PURGE_INTERVAL_MS = 600_000;
    private static final long CODE_STOCK_WAIT_MS = 10_000;

    private Server(ServerConfig config, ServerState state, SlugRegistry registry, CapCounters caps,
                   EventLoopGroup clickLoops, EventLoopGroup adminLoops, Reloader reloader, Channel adminChannel,
                   Channel publicChannel, ConfigWatcher watcher, OrderLedger orders, DurableWaits durableWaits) {
        this.durableWaits = durableWaits;
        this.orders = orders;
        this.config = config;
        this.state = state;
        this.registry = registry;
        this.caps = caps;
        this.clickLoops = clickLoops;
        this.adminLoops = adminLoops;
        this.reloader = reloader;
        this.adminChannel = adminChannel;
        this.publicChannel = publicChannel;
        this.watcher = watcher;
    }

    public static Server start(ServerOptions options) throws StartupException, ConfigException {
        StartupPhases phases = new StartupPhases();
        ConfigSource source = openConfig(options);
        try {
            return start(options, source, phases);
        } finally {
            source.close();
        }
    }

    private static Server start(ServerOptions options, ConfigSource source, StartupPhases phases)
            throws StartupException, ConfigException {
        Path configDir = options.configDir();
        Config initial = source.settings();
        phases.done("settings");
        ServerConfig serverConfig = initial.server();
        Path dataDir = dataDir(options, serverConfig);
        HostPort listen = options.listen() != null ? options.listen() : serverConfig.listen();
        HostPort admin = options.admin() != null ? options.admin() : serverConfig.admin();

        SlugRegistry registry = null;
        CapCounters caps = null;
        ClickJournal journal = null;
        GeoService geo = null;
        UserAgentClassifier userAgents = null;
        DiscountService discounts = null;
        OrderLedger orders = null;
        OrderWebhooks webhooks = null;
        DurableWaits durableWaits = null;
        EventLoopGroup adminLoops = null;
        EventLoopGroup clickLoops = null;
        Reloader reloader = null;
        // Netty's native transport and event loops load on another core while Chronicle's tables open here.
        int threads = serverConfig.ioThreads() > 0 ? serverConfig.ioThreads()
                : Runtime.getRuntime().availableProcessors();
        CompletableFuture<EventLoops> eventLoops = CompletableFuture.supplyAsync(() -> EventLoops.start(threads));
        try {
            Files.createDirectories(dataDir);
            ClickIdKey key = serverConfig.clickIdKey() != null
                    ? ClickIdKey.fromSecret(serverConfig.clickIdKey())
                    : ClickIdKey.loadOrCreate(dataDir.resolve("click-id.key"));
            registry = SlugRegistry.open(dataDir, source.linkCount());
            OfferRegistry offers = OfferRegistry.open(dataDir);
            caps = CapCounters.open(dataDir.resolve("caps").resolve("counters.bin"));
            phases.done("registries");
            journal = ClickJournal.open(dataDir.resolve("journal"), serverConfig.nodeId(), serverConfig.journal());
            phases.done("journal");
            // Both load in the background while the rest starts: uap-java's regexes, the country table.
            geo = GeoService.start(serverConfig.geo(), dataDir.resolve("geo"));
            userAgents = UserAgentClassifier.of(initial.bots());
            userAgents.start();
            ServerState state = new ServerState(serverConfig.nodeId(), key, serverConfig.limits(),
                    serverConfig.healthOnPublic(), journal, serverConfig.journal().ipPrivacy(),
                    serverConfig.trustedProxies(), serverConfig.proxyProtocol(), serverConfig.visitors(),
                    new Classifiers(geo, userAgents));
            discounts = DiscountService.start(dataDir.resolve("discounts"), DISCOUNT_CAPACITY, CodeProviders::of,
                    System::currentTimeMillis, PURGE_INTERVAL_MS);
            orders = OrderLedger.open(dataDir.resolve("discounts"), DISCOUNT_CAPACITY);
            phases.done("discounts");
            ClickJournal orderJournal = journal;
            durableWaits = new DurableWaits(journal::durableSequence);
            DurableWaits waits = durableWaits;
            webhooks = new OrderWebhooks(serverConfig.webhooks(), new OrderIntake(discounts.store(), orders,
                    new OrderIntake.OrderJournal() {
                        @Override
                        public long publish(OrderRecord record) {
                            return orderJournal.tryRecordOrder(record);
                        }

                        @Override
                        public void whenDurable(long sequence, long timeoutMs, DurableWaits.Callback callback) {
                            waits.whenDurable(sequence, timeoutMs, callback);
                        }
                    }, System::currentTimeMillis));
            state.discounts(discounts);
            state.webhooks(webhooks);
            EventLoops loops = eventLoops.join();
            Transport transport = loops.transport();
            adminLoops = loops.admin();
            clickLoops = loops.clicks();
            reloader = new Reloader(new LinkSetLoader(configDir, dataDir, registry, offers, caps, discounts,
                    () -> state.classifiers().userAgents().rules()), state, List.of(clickLoops, adminLoops));
            Metrics metrics = new Metrics(state, reloader);

            Channel adminChannel = bindAdmin(transport, adminLoops, admin, state, reloader, metrics);
            phases.done("admin");
            reloader.loadInitial(source);
            phases.done("links");
            awaitGeo(geo);
            phases.done("geo wait");
            awaitCodes(discounts);
            phases.done("codes wait");
            Channel publicChannel = bindPublic(transport, clickLoops, listen, state);
            state.startAccepting();
            Reloader watched = reloader;
            ConfigWatcher watcher = options.watchConfig()
                    ? new ConfigWatcher(configDir, () -> watched.reload("file change")) : null;
            LOG.info("smartlinkd node {} serving on http://{} (admin http://{}, {} x {}, data {})",
                    serverConfig.nodeId(), address(publicChannel), address(adminChannel), threads, transport.name(),
                    dataDir);
            phases.done("listen");
            LOG.info(phases.summary());
            return new Server(serverConfig, state, registry, caps, clickLoops, adminLoops, reloader, adminChannel,
                    publicChannel, watcher, orders, durableWaits);
        } catch (ConfigException e) {
            if (adminLoops == null) {
                EventLoops.shutdownWhenStarted(eventLoops);
            }
            shutdownQuietly(reloader, clickLoops, adminLoops, registry, caps, journal, geo, userAgents);
            closeQuietly(webhooks, durableWaits, discounts, orders);
            throw e;
        } catch (IOException | RuntimeException e) {
            if (adminLoops == null) {
                EventLoops.shutdownWhenStarted(eventLoops);
            }
            shutdownQuietly(reloader, clickLoops, adminLoops, registry, caps, journal, geo, userAgents);
            closeQuietly(webhooks, durableWaits, discounts, orders);
            throw new StartupException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    /** Countries known from the first click on when a database is there; a missing one only logs. */
    private static void awaitGeo(GeoService geo) {
        try {
            geo.awaitFirstCheck(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first coded clicks find codes; a store that does not answer only delays the start, and is logged. */
    private static void awaitCodes(DiscountService discounts) {
        try {
            if (!discounts.awaitStocked(CODE_STOCK_WAIT_MS)) {
                LOG.warn("discount pools are not stocked after {} s; coded clicks may go without codes until they"
                        + " are (see smartlinkd_code_pool_ready)", CODE_STOCK_WAIT_MS / 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The config with its settings read and its links not yet, for the first load to stream; link files that the
     * data dir's link manifest vouches for are not even opened, so a start with millions of unchanged links reads
     * only the small files. Refuses a config whose settings have errors.
     */
    private static ConfigSource openConfig(ServerOptions options) throws ConfigException {
        ConfigLoader.KnownLinkFiles known = ConfigLoader.KnownLinkFiles.NONE;
        if (options.dataDir() != null) {
            LinkManifest manifest = LinkManifest.read(options.dataDir().resolve("links"));
            known = manifest != null ? manifest : known;
        }
        ConfigSource source = ConfigLoader.open(options.configDir(), System::getenv, known);
        if (source.hasErrors()) {
            source.close();
            source.finish();
        }
        return source;
    }

    private static Path dataDir(ServerOptions options, ServerConfig serverConfig) {
        if (options.dataDir() != null) {
            return options.dataDir();
        }
        return Path.of(serverConfig.dataDir() != null ? serverConfig.dataDir() : "data");
    }

    private static Channel bindPublic(Transport transport, EventLoopGroup loops, HostPort listen, ServerState state) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new PublicChannelInitializer(state));
        return bind(bootstrap, listen, "public");
    }

    private static Channel bindAdmin(Transport transport, EventLoopGroup loops, HostPort admin, ServerState state,
                                     Reloader reloader, Metrics metrics) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(4096, 8192, 8192));
                        channel.pipeline().addLast(new HttpObjectAggregator(64 * 1024));
                        channel.pipeline().addLast(new AdminHandler(state, reloader, metrics));
                    }
                });
        return bind(bootstrap, admin, "admin");
    }

    private static Channel bind(ServerBootstrap bootstrap, HostPort address, String what) {
        var future = bootstrap.bind(address.host(), address.port()).awaitUninterruptibly();
        if (!future.isSuccess()) {
            throw new IllegalStateException("cannot listen on " + address + " (" + what + "): "
                    + future.cause().getMessage(), future.cause());
        }
        return future.channel();
    }

    private static String address(Channel channel) {
        InetSocketAddress address = (InetSocketAddress) channel.localAddress();
        return address.getHostString() + ":" + address.getPort();
    }

    public int publicPort() {
        return ((InetSocketAddress) publicChannel.localAddress()).getPort();
    }

    public int adminPort() {
        return ((InetSocketAddress) adminChannel.localAddress()).getPort();
    }

    public ServerState state() {
        return state;
    }

    public LinkSet linkSet() {
        return state.linkSet();
    }

    /** Queues a reload, as SIGHUP or a file change would. */
    public Future<?> reload(String trigger) {
        return reloader.reload(trigger);
    }

    /**
     * Graceful stop: report not-ready for the drain period (load balancers stop sending), stop accepting, let
     * open connections finish their requests ({@code Connection: close} from now on), then close everything.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("stopping: not ready, draining for {} ms", config.drainMs());
        state.startDraining();
        sleep(config.drainMs());
        publicChannel.close().syncUninterruptibly();
        state.startClosing();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.shutdownTimeoutMs());
        while (state.openConnections() > 0 && System.nanoTime() < deadline) {
            sleep(20);
        }
        int left = state.openConnections();
        if (left > 0) {
            LOG.warn("shutdown timeout: closing {} connections still open", left);
        }
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (IOException e) {
            LOG.debug("closing config watcher", e);
        }
        clickLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        // Deliveries in hand wait for the journal, so they finish before it closes.
        state.webhooks().close();
        // No click loop runs any more: everything answered is in the ring; drain it, seal, force.
        state.journal().close();
        // The journal is forced: every delivery still waiting hears that its order is durable.
        durableWaits.close();
        state.discounts().close();
        orders.close();
        state.classifiers().geo().close();
        state.classifiers().userAgents().close();
        adminChannel.close().syncUninterruptibly();
        adminLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        reloader.close();
        LinkSet last = state.linkSet();
        if (last != null) {
            last.links().close();
        }
        registry.close();
        // Every loop that routes is stopped: nothing can touch the mapped counters any more.
        caps.close();
        LOG.info("stopped: {} clicks journaled", state.journal().recordsWritten());
    }

    @Override
    public void close() {
        stop();
    }

    private static void shutdownQuietly(Reloader reloader, EventLoopGroup clickLoops, EventLoopGroup adminLoops,
                                        SlugRegistry registry, CapCounters caps, ClickJournal journal,
                                        GeoService geo, UserAgentClassifier userAgents) {
        if (geo != null) {
            geo.close();
        }
        if (userAgents != null) {
            userAgents.close();
        }
        if (reloader != null) {
            reloader.close();
        }
        if (clickLoops != null) {
            clickLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (adminLoops != null) {
            adminLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (registry != null) {
            registry.close();
        }
        if (caps != null) {
            caps.close();
        }
        if (journal != null) {
            journal.close();
        }
    }

    private static void closeQuietly(AutoCloseable... closeables) {
        for (AutoCloseable closeable : closeables) {
            if (closeable == null) {
                continue;
            }
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing after a failed start", e);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
