package io.smartlinkd.bench;

import io.smartlinkd.link.ByteRecord;
import io.smartlinkd.link.CompiledLinkSet;
import io.smartlinkd.link.LinkSetCompiler;
import io.smartlinkd.link.LinkEntries;
import io.smartlinkd.link.LinkTable;
import io.smartlinkd.loadgen.ZipfSampler;
import io.smartlinkd.config.ConfigLoader;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The link lookup of a click as the handler does it: the key ({@code [domain][slug]}) built into the event loop's
 * reused {@link ByteRecord} from the request's slug, then {@link LinkTable#lookup} copying the record out of the
 * off-heap, file-backed Chronicle Map into another reused one. The table holds {@code links} links with the anchor's
 * slugs ({@link BenchSlugs}) and the records the pipeline config compiles to (a smartlink's, and on every tenth
 * link a coded link's), so key and value sizes are the real ones. Slugs are drawn from 1M prepared draws by
 * {@code choice}: {@code zipf} (exponent 1, rank = link order, as the load generator draws them) or
 * {@code uniform} (every link as likely: the cache-hostile worst case). Run from the repository root:
 * {@code java -jar loadtest/target/benchmarks.jar LinkLookup -prof gc}.
 */
public class LinkLookupBenchmark extends SmartlinkdBenchmark {
    private static final int DRAWS = 1 << 20;

    @Param({"1000", "1000000", "10000000"})
    int links;

    @Param({"zipf", "uniform"})
    String choice;

    private Path dir;
    private LinkTable table;
    private int domainNumber;
    private String[] slugs;
    private final ByteRecord key = new ByteRecord(80);
    private final ByteRecord record = new ByteRecord(512);
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        long start = System.nanoTime();
        dir = BenchFiles.tempDir("smartlinkd-lookup-bench");
        CompiledLinkSet compiled = LinkSetCompiler.compile(
                ConfigLoader.load(PipelineConfig.write(dir, 10).dir()), null, 0);
        domainNumber = compiled.domains().match(PipelineConfig.HOST).number();
        byte[] smartlink = recordOf(compiled, 1);
        byte[] coded = recordOf(compiled, 10);
        try (LinkEntries entries = new LinkEntries(dir)) {
            // Spilled to a scratch file: 10M entries held at once would need gigabytes of heap for nothing.
            for (int link = 1; link <= links; link++) {
                entries.add(LinkTable.key(domainNumber, BenchSlugs.slug(link)), link % 10 == 0 ? coded : smartlink);
            }
            table = LinkTable.openOrBuild(dir.resolve("links"), entries);
        }
        slugs = draws();
        System.out.printf("%n[lookup] %,d links, %s draws: table built in %.1f s (%s)%n", links, choice,
                (System.nanoTime() - start) / 1e9, table);
    }

    private String[] draws() {
        SplittableRandom random = new SplittableRandom(11);
        ZipfSampler zipf = choice.equals("zipf") ? new ZipfSampler(links, 1.0) : null;
        String[] drawn = new String[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            int rank = zipf != null ? zipf.sample(random) : random.nextInt(links);
            drawn[i] = BenchSlugs.slug(rank + 1);
        }
        return drawn;
    }

    /** The compiled record of pipeline link {@code link}. */
    private byte[] recordOf(CompiledLinkSet compiled, int link) {
        byte[] record = compiled.entries().recordOf(LinkTable.key(domainNumber, BenchSlugs.slug(link)));
        if (record == null) {
            throw new IllegalStateException("pipeline link " + link + " not compiled");
        }
        return record;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        table.close();
        BenchFiles.delete(dir);
    }

    @Benchmark
    public int lookup(ThreadCost cost) {
        cost.op();
        String slug = slugs[next++ & (DRAWS - 1)];
        key.clear();
        key.appendShort(domainNumber);
        key.appendAscii(slug, 0, slug.length());
        ByteRecord found = table.lookup(key, record);
        return found == null ? -1 : found.length();
    }
}
