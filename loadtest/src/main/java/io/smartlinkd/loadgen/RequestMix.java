package io.smartlinkd.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A pool of complete HTTP/1.1 GET requests, encoded once before the run so that the generator only picks one and
 * writes its bytes. Slugs are drawn by Zipf rank (file order is popularity order), user agents by weight, and the
 * per-request randomness (X-Forwarded-For address, sub id, bot and prefetch shares, partner segment) is drawn
 * per prepared request: with a pool of P requests there are at most P distinct addresses and sub ids.
 * Immutable after construction and safe to share between event loops.
 */
public final class RequestMix {
    /** The browser user agent used when no user-agent file is given. */
    public static final String DEFAULT_UA =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    static final String[] CRAWLERS = {
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "Twitterbot/1.0",
    };

    /** What to put into the requests; validated by {@link OpenLoop}. */
    public record Spec(
        String basePath,
        String host,
        List<String> slugs,
        double zipfExponent,
        List<String> userAgents,
        double[] userAgentWeights,
        boolean xff,
        double botShare,
        double prefetchShare,
        List<String> partners,
        double partnerShare,
        boolean subIds,
        boolean close,
        int prepared,
        long seed) {
    }

    private final byte[][] requests;
    private final int[] slugRanks;

    public RequestMix(Spec spec) {
        SplittableRandom random = new SplittableRandom(spec.seed());
        ZipfSampler zipf = new ZipfSampler(spec.slugs().size(), spec.zipfExponent());
        double[] uaCumulative = cumulative(spec.userAgentWeights());
        String prefix = spec.basePath().endsWith("/") ? spec.basePath() : spec.basePath() + "/";
        requests = new byte[spec.prepared()][];
        slugRanks = new int[spec.prepared()];
        StringBuilder sb = new StringBuilder(512);
        for (int i = 0; i < requests.length; i++) {
            int rank = zipf.sample(random);
            slugRanks[i] = rank;
            sb.setLength(0);
            sb.append("GET ").append(prefix).append(spec.slugs().get(rank));
            if (!spec.partners().isEmpty() && random.nextDouble() < spec.partnerShare()) {
                sb.append('/').append(spec.partners().get(random.nextInt(spec.partners().size())));
            }
            if (spec.subIds()) {
                sb.append("?sub1=").append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
            }
            sb.append(" HTTP/1.1\r\nHost: ").append(spec.host()).append("\r\nUser-Agent: ");
            if (random.nextDouble() < spec.botShare()) {
                sb.append(CRAWLERS[random.nextInt(CRAWLERS.length)]);
            } else {
                sb.append(spec.userAgents().get(pick(uaCumulative, random.nextDouble())));
            }
            sb.append("\r\nAccept: */*\r\n");
            if (spec.xff()) {
                sb.append("X-Forwarded-For: ");
                publicIpv4(random, sb);
                sb.append("\r\n");
            }
            if (random.nextDouble() < spec.prefetchShare()) {
                sb.append("Sec-Purpose: prefetch\r\n");
            }
            if (spec.close()) {
                sb.append("Connection: close\r\n");
            }
            sb.append("\r\n");
            requests[i] = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    public int size() {
        return requests.length;
    }

    /** The encoded request {@code i}; callers must not modify it. */
    public byte[] request(int i) {
        return requests[i];
    }

    /** The Zipf rank of the slug of request {@code i} (0 = the first slug of the file). */
    public int slugRank(int i) {
        return slugRanks[i];
    }

    /** Reads the first column of a TSV file (blank lines and {@code #} comments skipped), without a leading '/'. */
    public static List<String> readSlugs(Path file) throws IOException {
        List<String> slugs = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String slug = trimmed.split("\t", 2)[0].strip();
            while (slug.startsWith("/")) {
                slug = slug.substring(1);
            }
            if (!slug.isEmpty()) {
                slugs.add(slug);
            }
        }
        if (slugs.isEmpty()) {
            throw new IllegalArgumentException("no slugs in " + file);
        }
        return slugs;
    }

    /** Reads "weight&lt;TAB&gt;user agent" lines into {@code agents} and returns the weights. */
    public static double[] readUserAgents(Path file, List<String> agents) throws IOException {
        List<Double> weights = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab <= 0 || tab == line.length() - 1) {
                continue;
            }
            double w = Double.parseDouble(line.substring(0, tab).strip());
            String ua = line.substring(tab + 1).strip();
            if (w > 0 && !ua.isEmpty() && ua.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                weights.add(w);
                agents.add(ua);
            }
        }
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("no 'weight<TAB>user agent' lines in " + file);
        }
        return weights.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
            c[i] = total;
        }
        for (int i = 0; i < c.length; i++) {
            c[i] /= total;
        }
        return c;
    }

    private static int pick(double[] cumulative, double r) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] <= r) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A random unicast address outside the private, loopback, link-local, CGNAT and benchmark ranges. */
    static void publicIpv4(SplittableRandom random, StringBuilder out) {
        while (true) {
            int a = 1 + random.nextInt(223);
            int b = random.nextInt(256);
            boolean reserved = a == 10 || a == 127 || a == 0 || (a == 100 && b >= 64 && b < 128)
                || (a == 169 && b == 254) || (a == 172 && b >= 16 && b < 32) || (a == 192 && b == 168)
                || (a == 198 && (b == 18 || b == 19));
            if (!reserved) {
                out.append(a).append('.').append(b).append('.').append(random.nextInt(256)).append('.')
                    .append(1 + random.nextInt(254));
                return;
            }
        }
    }
}
