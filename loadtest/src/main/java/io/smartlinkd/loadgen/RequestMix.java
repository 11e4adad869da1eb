package io.smartlinkd.loadgen;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws one HTTP/1.1 GET request per call, afresh: a slug by Zipf rank (file order is popularity order), a
 * visitor from {@link Visitors} (address, user agent, language), a partner path, a sub id, and the bot and prefetch
 * shares. Everything that does not change between requests (request-line prefix, slugs, partner paths, Host, user
 * agents, header names) is encoded once here; a request then costs a handful of random draws and byte copies into
 * the caller's {@link Request}, no String and no per-request object.
 *
 * <p>Request layout, optional parts in brackets:
 * <pre>
 * GET {base}{slug}[/{partner}][?sub1={12 chars}] HTTP/1.1
 * Host: {host}
 * User-Agent: {visitor's, or a crawler's}
 * Accept: *&#47;*
 * [Accept-Language: {visitor's}]
 * [X-Forwarded-For: {visitor's address}]
 * [Sec-Purpose: prefetch]
 * [Connection: close]
 * </pre>
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

    /** 32 symbols, so a sub id is 12 five-bit slices of one random long: shifts, no division. */
    private static final byte[] SUB_ID_SYMBOLS = ascii("0123456789abcdefghijklmnopqrstuv");
    private static final int SUB_ID_LENGTH = 12;
    private static final byte[] SUB1 = ascii("?sub1=");
    private static final byte[] ACCEPT_LANGUAGE = ascii("Accept-Language: ");
    private static final byte[] XFF = ascii("X-Forwarded-For: ");
    private static final byte[] CRLF = ascii("\r\n");
    private static final byte[] PREFETCH = ascii("Sec-Purpose: prefetch\r\n");
    private static final int MAX_ADDRESS_LENGTH = "255.255.255.255".length();

    /**
     * What to put into the requests; validated by {@link OpenLoop}.
     *
     * @param languages Accept-Language values; empty = no such header
     * @param visitors  0 = a new visitor for every request, otherwise the size of a returning population
     * @param seed      seeds the returning population (the lanes seed their own draws)
     */
    public record Spec(
        String basePath,
        String host,
        List<String> slugs,
        double zipfExponent,
        List<String> userAgents,
        double[] userAgentWeights,
        List<String> languages,
        boolean xff,
        double botShare,
        double prefetchShare,
        List<String> partners,
        double partnerShare,
        boolean subIds,
        boolean close,
        int visitors,
        long seed) {
    }

    private final ZipfSampler zipf;
    private final Visitors visitors;
    private final byte[] requestStart;
    /** Every slug's bytes, back to back; slug {@code r} is {@code [slugStart[r], slugStart[r + 1])}. */
    private final byte[] slugBytes;
    private final int[] slugStart;
    private final byte[][] partnerPaths;
    private final double partnerShare;
    private final boolean subIds;
    private final byte[] versionHostAgent;
    private final byte[][] agentLines;
    private final byte[][] crawlerLines;
    private final byte[][] languageValues;
    private final boolean xff;
    private final double botShare;
    private final double prefetchShare;
    private final byte[] end;
    private final int maxRequestBytes;

    public RequestMix(Spec spec) {
        String prefix = spec.basePath().endsWith("/") ? spec.basePath() : spec.basePath() + "/";
        requestStart = ascii("GET " + prefix);
        zipf = new ZipfSampler(spec.slugs().size(), spec.zipfExponent());
        slugStart = new int[spec.slugs().size() + 1];
        byte[][] slugs = encode(spec.slugs(), "", "");
        int length = 0;
        int longestSlug = 0;
        for (int r = 0; r < slugs.length; r++) {
            slugStart[r] = length;
            length += slugs[r].length;
            longestSlug = Math.max(longestSlug, slugs[r].length);
        }
        slugStart[slugs.length] = length;
        slugBytes = new byte[length];
        for (int r = 0; r < slugs.length; r++) {
            System.arraycopy(slugs[r], 0, slugBytes, slugStart[r], slugs[r].length);
        }
        partnerPaths = encode(spec.partners(), "/", "");
        partnerShare = spec.partnerShare();
        subIds = spec.subIds();
        versionHostAgent = ascii(" HTTP/1.1\r\nHost: " + spec.host() + "\r\nUser-Agent: ");
        agentLines = encode(spec.userAgents(), "", "\r\nAccept: */*\r\n");
        crawlerLines = encode(List.of(CRAWLERS), "", "\r\nAccept: */*\r\n");
        languageValues = encode(spec.languages(), "", "");
        xff = spec.xff();
        botShare = spec.botShare();
        prefetchShare = spec.prefetchShare();
        end = ascii(spec.close() ? "Connection: close\r\n\r\n" : "\r\n");
        WeightedSampler agents = new WeightedSampler(spec.userAgentWeights());
        visitors = spec.visitors() == 0
            ? Visitors.fresh(agents, languageValues.length)
            : Visitors.returning(spec.visitors(), agents, languageValues.length, new SplittableRandom(spec.seed()));
        maxRequestBytes = requestStart.length + longestSlug + longest(partnerPaths)
            + (subIds ? SUB1.length + SUB_ID_LENGTH : 0) + versionHostAgent.length
            + Math.max(longest(agentLines), longest(crawlerLines))
            + (languageValues.length > 0 ? ACCEPT_LANGUAGE.length + longest(languageValues) + CRLF.length : 0)
            + (xff ? XFF.length + MAX_ADDRESS_LENGTH + CRLF.length : 0) + PREFETCH.length + end.length;
    }

    /** Slugs in popularity order; {@link Request#slugRank} indexes them. */
    public int slugCount() {
        return slugStart.length - 1;
    }

    /** No request is longer: the capacity of a {@link Request}. */
    public int maxRequestBytes() {
        return maxRequestBytes;
    }

    /** One request drawn from {@code random}, as a new array: for benchmarks that prepare their requests. */
    public byte[] sample(SplittableRandom random) {
        Request request = new Request(maxRequestBytes);
        draw(random, request);
        return java.util.Arrays.copyOf(request.bytes, request.length);
    }

    /** Draws one request from {@code random} into {@code out}: its bytes, slug rank and visitor. */
    void draw(SplittableRandom random, Request out) {
        int rank = zipf.sample(random);
        Visitors.Visitor visitor = out.visitor;
        visitors.draw(random, visitor);
        out.clear();
        out.slugRank = rank;
        out.append(requestStart);
        out.append(slugBytes, slugStart[rank], slugStart[rank + 1] - slugStart[rank]);
        if (partnerPaths.length > 0 && random.nextDouble() < partnerShare) {
            out.append(partnerPaths[random.nextInt(partnerPaths.length)]);
        }
        if (subIds) {
            out.append(SUB1);
            subId(random.nextLong(), out);
        }
        out.append(versionHostAgent);
        if (random.nextDouble() < botShare) {
            out.append(crawlerLines[random.nextInt(crawlerLines.length)]);
        } else {
            out.append(agentLines[visitor.agent]);
        }
        if (visitor.language >= 0) {
            out.append(ACCEPT_LANGUAGE);
            out.append(languageValues[visitor.language]);
            out.append(CRLF);
        }
        if (xff) {
            out.append(XFF);
            PublicIpv4.write(visitor.address, out);
            out.append(CRLF);
        }
        if (random.nextDouble() < prefetchShare) {
            out.append(PREFETCH);
        }
        out.append(end);
    }

    private static void subId(long bits, Request out) {
        for (int i = 0; i < SUB_ID_LENGTH; i++) {
            out.append(SUB_ID_SYMBOLS[(int) (bits >>> (5 * i)) & 31]);
        }
    }

    private static byte[][] encode(List<String> values, String before, String after) {
        byte[][] out = new byte[values.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ascii(before + values.get(i) + after);
        }
        return out;
    }

    private static int longest(byte[][] values) {
        int max = 0;
        for (byte[] v : values) {
            max = Math.max(max, v.length);
        }
        return max;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
