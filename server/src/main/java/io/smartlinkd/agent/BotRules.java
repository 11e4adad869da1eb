package io.smartlinkd.agent;

import io.smartlinkd.config.BotsConfig;
import io.smartlinkd.config.ConfigException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What makes a user agent a bot, compiled from {@code bots.yaml}: the built-in markers and the admin's substrings
 * (in the {@link UserAgentScanner}, so the event loop checks them too) and a crawler list (the bundled one or the
 * operator's file, for the background thread). Immutable; built on a start-up or reload thread.
 */
public final class BotRules {
    private final List<String> substrings;
    private final String crawlerSource;
    private final byte[] crawlerDigest;
    private final UserAgentScanner scanner;
    private final CrawlerMatcher crawlers;

    private BotRules(List<String> substrings, String crawlerSource, byte[] crawlerDigest, CrawlerMatcher crawlers) {
        this.substrings = List.copyOf(substrings);
        this.crawlerSource = crawlerSource;
        this.crawlerDigest = crawlerDigest;
        this.scanner = UserAgentScanner.of(this.substrings);
        this.crawlers = crawlers;
    }

    /**
     * Reads and compiles the crawler list named by the config (or the bundled one) with the config's substrings.
     * Blocking file I/O and about 100 ms of regex compiling.
     *
     * @throws ConfigException naming the list's file, line and column for a pattern that does not compile or a
     *                         file that is not such a list; the bundled list missing from the jar is also refused
     */
    public static BotRules load(BotsConfig config) throws ConfigException {
        return load(config, null);
    }

    /**
     * As {@link #load(BotsConfig)}, but returns {@code inForce} itself when it was built from the same substrings
     * and a crawler list of the same source and content: a reload that keeps the rules builds no matcher.
     *
     * @param inForce the rules in use now, or null
     */
    public static BotRules load(BotsConfig config, BotRules inForce) throws ConfigException {
        boolean bundled = config.crawlerList() == null;
        String source = bundled ? CrawlerList.bundledName() : config.crawlerList().toString();
        byte[] json = bundled ? CrawlerList.bundled() : CrawlerList.file(config.crawlerList());
        byte[] digest = sha256(json);
        if (inForce != null && inForce.substrings.equals(config.userAgents())
                && inForce.crawlerSource.equals(source) && Arrays.equals(inForce.crawlerDigest, digest)) {
            return inForce;
        }
        List<Pattern> patterns = new ArrayList<>();
        for (CrawlerList.Entry entry : CrawlerList.parse(json, source)) {
            patterns.add(entry.pattern());
        }
        return new BotRules(config.userAgents(), source, digest, new CrawlerMatcher(patterns));
    }

    /** The bundled list and no extra substrings. */
    public static BotRules builtIn() throws ConfigException {
        return load(BotsConfig.DEFAULTS);
    }

    /** Same substrings and a crawler list of the same content: swapping would change no answer. */
    public boolean sameAs(BotRules other) {
        return other != null && substrings.equals(other.substrings) && Arrays.equals(crawlerDigest, other.crawlerDigest);
    }

    /** Where the crawler list came from: a file, or the bundled list. */
    public String crawlerSource() {
        return crawlerSource;
    }

    public int crawlerPatterns() {
        return crawlers.size();
    }

    public List<String> substrings() {
        return substrings;
    }

    UserAgentScanner scanner() {
        return scanner;
    }

    CrawlerMatcher crawlers() {
        return crawlers;
    }

    /**
     * The final bot verdict: a built-in marker or an admin substring (what the scanner flags, so a bot seen first by
     * the scanner stays one), uap-java's "Spider" device, or a crawler pattern. Background thread.
     */
    boolean isBot(String userAgent, boolean spider) {
        return spider || scanner.isBot(userAgent) || crawlers.matches(userAgent);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
