package io.smartlinkd.bench;

import io.smartlinkd.config.Config;
import io.smartlinkd.config.ConfigLoader;
import io.smartlinkd.discount.CodeIssuer;
import io.smartlinkd.discount.CodeProviders;
import io.smartlinkd.discount.Discount;
import io.smartlinkd.discount.DiscountService;
import io.smartlinkd.discount.DiscountTable;
import io.smartlinkd.link.LinkSetCompiler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The code of a coded click, as the handler gets it ({@link CodeIssuer#issue}) for the pipeline config's local
 * discount ({@link PipelineConfig#DISCOUNT}: pool of 100,000, low water 25,000), from a real {@link DiscountService}
 * whose own background thread keeps the pool stocked while the benchmark takes codes, as in production:
 * <ul>
 *   <li>{@code fresh}: a new visitor each op: no code held yet, so one is taken from the pool and stored (code
 *       record and visitor index, both Chronicle Maps);</li>
 *   <li>{@code returning}: one of 65,536 visitors who already hold a valid code on the link: it is found and
 *       handed out again, the pool untouched.</li>
 * </ul>
 * Every iteration starts with a full pool; {@code emptyPool} counts ops that found it empty anyway (the refill
 * thread fell behind: then those ops measured a miss, not a take). The store is sized as the server sizes it
 * (1,000,000 codes alive at once) and, since every fresh op adds a code for good, reopened empty between
 * iterations once it holds half that (its maps would refuse entries past 4x). Run from the repository root:
 * {@code java -jar loadtest/target/benchmarks.jar CodeTakeBenchmark -prof gc}.
 */
public class CodeTakeBenchmark extends SmartlinkdBenchmark {
    /** As {@code Server}'s: a day of coded clicks, with room. */
    private static final long STORE_CAPACITY = 1_000_000;
    /** As {@code Server}'s. */
    private static final long PURGE_INTERVAL_MS = 600_000;
    private static final int RETURNING = 1 << 16;
    private static final long STOCK_WAIT_MS = 60_000;

    @Param({"fresh", "returning"})
    String visitor;

    private Path dir;
    private DiscountTable discounts;
    private Discount discount;
    private DiscountService service;
    private long storedSinceOpen;
    private final CodeIssuer issuer = new CodeIssuer();
    private final SplittableRandom random = new SplittableRandom(7);
    private final byte[] clickId = "AQABAaIHz8NoAAAAAgAAAfiKym3Boa3uxiUH".getBytes(StandardCharsets.US_ASCII);
    private final byte[] linkId = BenchSlugs.slug(10).getBytes(StandardCharsets.US_ASCII);
    private final byte[] partner = PipelineConfig.PARTNER.getBytes(StandardCharsets.US_ASCII);
    private long[] visitors;
    private int next;
    private long nowMs;

    /** Per iteration: codes handed out, and ops that found the pool empty. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Takes {
        public long codes;
        public long emptyPool;

        @Setup(Level.Iteration)
        public void reset() {
            codes = 0;
            emptyPool = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = BenchFiles.tempDir("smartlinkd-code-bench");
        Config config = ConfigLoader.load(PipelineConfig.write(dir, 10).dir());
        discounts = LinkSetCompiler.compile(config, null, 0).discounts();
        discount = discounts.get(DiscountTable.numberOf(config, PipelineConfig.DISCOUNT));
        openService();
        nowMs = System.currentTimeMillis();
        if (visitor.equals("returning")) {
            visitors = new long[RETURNING];
            for (int i = 0; i < RETURNING; i++) {
                visitors[i] = random.nextLong() | 1;
                while (!take(visitors[i])) {
                    service.awaitStocked(STOCK_WAIT_MS);
                }
            }
        }
    }

    /** A fresh store and pool, the pool filled before anything is timed. */
    private void openService() throws Exception {
        BenchFiles.delete(dir.resolve("discounts"));
        service = DiscountService.start(dir.resolve("discounts"), STORE_CAPACITY, CodeProviders::of,
                System::currentTimeMillis, PURGE_INTERVAL_MS);
        service.apply(discounts);
        storedSinceOpen = 0;
    }

    @Setup(Level.Iteration)
    public void stock() throws Exception {
        if (storedSinceOpen > STORE_CAPACITY / 2) {
            service.close();
            openService();
        }
        if (!service.awaitFull(STOCK_WAIT_MS)) {
            throw new IllegalStateException("pool not refilled in " + STOCK_WAIT_MS + " ms");
        }
        nowMs = System.currentTimeMillis();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        service.close();
        BenchFiles.delete(dir);
    }

    @Benchmark
    public int code(Takes takes, ThreadCost cost) {
        cost.op();
        long key = visitors == null ? random.nextLong() | 1 : visitors[next++ & (RETURNING - 1)];
        if (!take(key)) {
            takes.emptyPool++;
            return 0;
        }
        takes.codes++;
        return issuer.code().length();
    }

    private boolean take(long visitorKey) {
        boolean issued = issuer.issue(discount, service.store(), visitorKey, nowMs, clickId, clickId.length, linkId,
                0, linkId.length, partner);
        if (issued && !issuer.reused()) {
            storedSinceOpen++;
        }
        return issued;
    }
}
