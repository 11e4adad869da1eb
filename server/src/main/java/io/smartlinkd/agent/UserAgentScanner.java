package io.smartlinkd.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * The provisional classification of a user agent seen for the first time: one pass of a {@link TokenAutomaton}
 * over its chars collects which of about fifty tokens occur ({@code android}, {@code crios/}, {@code ; wv)},
 * {@code bot}, ...), then a few rules that follow uap-java's precedence pick the OS, the browser and the device type.
 * No regex, no allocation; immutable and thread-safe.
 *
 * <p>It agrees with the full parse on nearly all real traffic (see {@code UserAgentAccuracyTest}), and it is only
 * used until the background thread has parsed the user agent.
 *
 * <p>Bot markers are substrings common to crawlers, link unfurlers, monitors and HTTP libraries. Extra
 * case-insensitive substrings (the admin's list) are compiled into the same automaton.
 */
final class UserAgentScanner {
    // Token bits. OS markers.
    private static final int WINDOWS_PHONE = 0;
    private static final int WINDOWS = 1;
    private static final int ANDROID = 2;
    private static final int IPHONE = 3;
    private static final int IPAD = 4;
    private static final int IPOD = 5;
    private static final int MAC = 6;
    private static final int CHROME_OS = 7;
    private static final int LINUX = 8;
    private static final int UBUNTU = 9;
    private static final int FEDORA = 10;
    private static final int KAIOS = 11;
    private static final int TIZEN = 12;
    private static final int BLACKBERRY = 13;
    private static final int FREEBSD = 14;
    private static final int OPENBSD = 15;
    private static final int PLAYSTATION = 16;
    private static final int XBOX = 17;
    private static final int NINTENDO = 18;
    private static final int WEBOS = 19;
    private static final int HARMONY = 20;
    // Browser markers.
    private static final int EDGE = 21;
    private static final int EDGE_MOBILE = 22;
    private static final int OPR = 23;
    private static final int OPERA_MINI = 24;
    private static final int SAMSUNG = 25;
    private static final int YANDEX = 26;
    private static final int UC = 27;
    private static final int FIREFOX = 28;
    private static final int FXIOS = 29;
    private static final int CRIOS = 30;
    private static final int CHROME = 31;
    private static final int HEADLESS_CHROME = 32;
    private static final int WEBVIEW = 33;
    private static final int VERSION = 34;
    private static final int SAFARI = 35;
    private static final int MOBILE = 36;
    private static final int TABLET = 37;
    private static final int GSA = 38;
    private static final int FACEBOOK = 39;
    private static final int INSTAGRAM = 40;
    private static final int SNAPCHAT = 41;
    private static final int DUCKDUCKGO = 42;
    private static final int MSIE = 43;
    private static final int SILK = 44;
    private static final int VIVALDI = 45;
    private static final int MIUI = 46;
    private static final int WHALE = 48;
    private static final int COC_COC = 49;
    private static final int CHROMIUM = 50;
    private static final int OPERA = 51;
    private static final int OPERA_MOBI = 52;
    private static final int PINTEREST = 53;
    // Bot markers. Every browser has a "(platform; ...)" comment, and "(compatible; ...)" is only IE's and
    // Konqueror's; "bot" alone also occurs in a phone brand, so it has its own bit.
    private static final int PAREN = 54;
    private static final int COMPATIBLE = 55;
    private static final int KONQUEROR = 56;
    private static final int BOT_WORD = 58;
    private static final int NOT_A_BOT = 59;
    private static final int BOT_MARKER = 60;
    private static final int ADMIN_MARKER = 61;

    /** The keywords that set each token bit. */
    private static final String[][] KEYWORDS = new String[Long.SIZE][];

    static {
        keywords(WINDOWS_PHONE, "windows phone");
        keywords(WINDOWS, "windows");
        keywords(ANDROID, "android");
        keywords(IPHONE, "iphone");
        keywords(IPAD, "ipad");
        keywords(IPOD, "ipod");
        keywords(MAC, "mac os x", "macintosh");
        keywords(CHROME_OS, "; cros");
        keywords(LINUX, "linux");
        keywords(UBUNTU, "ubuntu");
        keywords(FEDORA, "fedora");
        keywords(KAIOS, "kaios");
        keywords(TIZEN, "tizen");
        keywords(BLACKBERRY, "blackberry");
        keywords(FREEBSD, "freebsd");
        keywords(OPENBSD, "openbsd");
        keywords(PLAYSTATION, "playstation");
        keywords(XBOX, "xbox");
        keywords(NINTENDO, "nintendo");
        keywords(WEBOS, "webos");
        keywords(HARMONY, "harmonyos");
        keywords(EDGE, "edg/", "edge/");
        keywords(EDGE_MOBILE, "edga/", "edgios/");
        keywords(OPR, "opr/");
        keywords(OPERA_MINI, "opera mini", "opios/");
        keywords(SAMSUNG, "samsungbrowser/");
        keywords(YANDEX, "yabrowser/");
        keywords(UC, "ucbrowser", "ucweb");
        keywords(FIREFOX, "firefox/");
        keywords(FXIOS, "fxios/");
        keywords(CRIOS, "crios/");
        keywords(CHROME, "chrome/");
        keywords(HEADLESS_CHROME, "headlesschrome");
        keywords(WEBVIEW, "; wv)");
        keywords(VERSION, "version/");
        keywords(SAFARI, "safari");
        keywords(MOBILE, "mobile");
        keywords(TABLET, "tablet");
        keywords(GSA, "gsa/");
        keywords(FACEBOOK, "[fb");
        keywords(INSTAGRAM, "instagram");
        keywords(SNAPCHAT, "snapchat");
        keywords(DUCKDUCKGO, "duckduckgo/");
        keywords(MSIE, "msie", "trident/");
        keywords(SILK, "silk/");
        keywords(VIVALDI, "vivaldi/");
        keywords(MIUI, "miuibrowser/");
        keywords(WHALE, "whale/");
        keywords(COC_COC, "coc_coc_browser/");
        keywords(CHROMIUM, "chromium/");
        keywords(OPERA, "opera");
        keywords(OPERA_MOBI, "opera mobi");
        keywords(PINTEREST, "pinterest");
        keywords(PAREN, "(");
        keywords(COMPATIBLE, "(compatible;");
        keywords(KONQUEROR, "konqueror");
        keywords(BOT_WORD, "bot");
        keywords(NOT_A_BOT, "cubot");
    }

    /**
     * Substrings no browser sends: what crawlers, unfurlers, monitors and HTTP libraries call themselves, and a URL
     * or host name (crawlers sign their user agent with "+http://..."; browsers never name a site).
     */
    private static final String[] BOT_MARKERS = {
        "crawl", "spider", "slurp", "scrap", "facebookexternalhit", "preview", "fetch", "curl/", "wget", "python",
        "http", "www.", ".com", "go-http-client", "okhttp", "axios", "headless", "java/", "libwww", "phantomjs",
        "lighthouse", "pingdom", "uptime", "monitor", "archive", "validator", "check", "scan", "feed",
        "rss", "whatsapp", "mediapartners", "google-", "googleother", "heritrix", "findlinks", "ichiro", "webhook",
        "parser", "cloudflare", "library", "metrics", "perl", "ruby", "node", "php", "agent", "client", "index",
        "download", "inspector", "synthetic", "selenium", "playwright", "puppeteer", "chatgpt", "claude",
        "perplexity", "anthropic", "cohere", "meta-external", "gtmetrix", "ptst/", "zgrab", "masscan", "httrack",
        "datadog", "newrelic", "larbin", "favicon", "mailto:",
    };

    private final TokenAutomaton automaton;
    private final long[] tokensAt;

    private UserAgentScanner(TokenAutomaton automaton, long[] tokensAt) {
        this.automaton = automaton;
        this.tokensAt = tokensAt;
    }

    /** @param extraBotSubstrings printable ASCII, matched case-insensitively */
    static UserAgentScanner of(List<String> extraBotSubstrings) {
        List<String> keywords = new ArrayList<>();
        List<Integer> bits = new ArrayList<>();
        for (int bit = 0; bit < KEYWORDS.length; bit++) {
            for (String keyword : KEYWORDS[bit] == null ? new String[0] : KEYWORDS[bit]) {
                keywords.add(keyword);
                bits.add(bit);
            }
        }
        for (String marker : BOT_MARKERS) {
            keywords.add(marker);
            bits.add(BOT_MARKER);
        }
        for (String marker : extraBotSubstrings) {
            keywords.add(marker);
            bits.add(ADMIN_MARKER);
        }
        TokenAutomaton automaton = TokenAutomaton.folded(keywords);
        long[] tokensAt = new long[automaton.states()];
        for (int state = 0; state < tokensAt.length; state++) {
            for (int id : automaton.outputsOfState(state)) {
                tokensAt[state] |= 1L << bits.get(id);
            }
        }
        return new UserAgentScanner(automaton, tokensAt);
    }

    /** The provisional classification (not final) of a non-empty user agent. */
    long classify(CharSequence userAgent) {
        long tokens = scan(userAgent);
        int os = os(tokens);
        return Classification.of(device(tokens, os), os, browser(tokens, os), bot(tokens), false);
    }

    /** Whether any bot marker (built in or the admin's) occurs in the user agent. */
    boolean isBot(CharSequence userAgent) {
        return bot(scan(userAgent));
    }

    private long scan(CharSequence userAgent) {
        long tokens = 0;
        int row = TokenAutomaton.ROOT;
        for (int i = 0, length = userAgent.length(); i < length; i++) {
            row = automaton.step(row, userAgent.charAt(i));
            tokens |= tokensAt[automaton.state(row)];
        }
        return tokens;
    }

    private static void keywords(int bit, String... keywords) {
        KEYWORDS[bit] = keywords;
    }

    private static boolean has(long tokens, int token) {
        return (tokens & 1L << token) != 0;
    }

    private static boolean bot(long tokens) {
        return has(tokens, BOT_MARKER) || has(tokens, ADMIN_MARKER) || has(tokens, HEADLESS_CHROME)
                || (has(tokens, BOT_WORD) && !has(tokens, NOT_A_BOT))
                || !has(tokens, PAREN)
                || (has(tokens, COMPATIBLE) && !has(tokens, MSIE) && !has(tokens, KONQUEROR));
    }

    private static int os(long tokens) {
        if (has(tokens, WINDOWS_PHONE)) {
            return OsCodes.WINDOWS_PHONE;
        }
        if (has(tokens, IPHONE) || has(tokens, IPAD) || has(tokens, IPOD)) {
            return OsCodes.IOS;
        }
        if (has(tokens, HARMONY)) {
            return OsCodes.HARMONY;
        }
        if (has(tokens, ANDROID)) {
            return OsCodes.ANDROID;
        }
        if (has(tokens, KAIOS)) {
            return OsCodes.KAIOS;
        }
        if (has(tokens, TIZEN)) {
            return OsCodes.TIZEN;
        }
        if (has(tokens, BLACKBERRY)) {
            return OsCodes.BLACKBERRY;
        }
        if (has(tokens, WEBOS)) {
            return OsCodes.WEBOS;
        }
        if (has(tokens, PLAYSTATION)) {
            return OsCodes.PLAYSTATION;
        }
        if (has(tokens, XBOX)) {
            return OsCodes.XBOX;
        }
        if (has(tokens, NINTENDO)) {
            return OsCodes.NINTENDO;
        }
        if (has(tokens, CHROME_OS)) {
            return OsCodes.CHROME_OS;
        }
        if (has(tokens, WINDOWS)) {
            return OsCodes.WINDOWS;
        }
        if (has(tokens, MAC)) {
            return OsCodes.MAC;
        }
        if (has(tokens, UBUNTU)) {
            return OsCodes.UBUNTU;
        }
        if (has(tokens, FEDORA)) {
            return OsCodes.FEDORA;
        }
        if (has(tokens, FREEBSD)) {
            return OsCodes.FREEBSD;
        }
        if (has(tokens, OPENBSD)) {
            return OsCodes.OPENBSD;
        }
        if (has(tokens, LINUX)) {
            return OsCodes.LINUX;
        }
        return Families.OTHER;
    }

    private static int device(long tokens, int os) {
        return DeviceTypes.of(os, has(tokens, IPAD), has(tokens, IPHONE) || has(tokens, IPOD), has(tokens, MOBILE),
                has(tokens, TABLET), false);
    }

    /** The browser family, tested in the order uap-java's rules would decide it. */
    private static int browser(long tokens, int os) {
        boolean ios = os == OsCodes.IOS;
        boolean mobile = has(tokens, MOBILE);
        if (has(tokens, FACEBOOK)) {
            return BrowserCodes.FACEBOOK;
        }
        if (has(tokens, PINTEREST)) {
            return BrowserCodes.PINTEREST;
        }
        if (has(tokens, INSTAGRAM) && mobile) {
            return BrowserCodes.INSTAGRAM;
        }
        if (has(tokens, SNAPCHAT)) {
            return BrowserCodes.SNAPCHAT;
        }
        if (has(tokens, FIREFOX) && (mobile || has(tokens, TABLET)) && !ios) {
            return BrowserCodes.FIREFOX_MOBILE;
        }
        if (has(tokens, FXIOS)) {
            return BrowserCodes.FIREFOX_IOS;
        }
        if (has(tokens, UC)) {
            return BrowserCodes.UC;
        }
        if (has(tokens, OPERA_MINI)) {
            return BrowserCodes.OPERA_MINI;
        }
        if (has(tokens, OPERA_MOBI)) {
            return BrowserCodes.OPERA_MOBILE;
        }
        if (has(tokens, OPR)) {
            return mobile ? BrowserCodes.OPERA_MOBILE : BrowserCodes.OPERA;
        }
        if (has(tokens, SILK)) {
            return BrowserCodes.AMAZON_SILK;
        }
        if (has(tokens, EDGE_MOBILE)) {
            return BrowserCodes.EDGE_MOBILE;
        }
        if (has(tokens, SAMSUNG)) {
            return BrowserCodes.SAMSUNG;
        }
        if (has(tokens, COC_COC)) {
            return BrowserCodes.COC_COC;
        }
        if (has(tokens, MIUI)) {
            return BrowserCodes.MIUI;
        }
        if (has(tokens, GSA) && os == OsCodes.ANDROID) {
            return BrowserCodes.GOOGLE;
        }
        if (has(tokens, DUCKDUCKGO) && mobile) {
            return BrowserCodes.DUCKDUCKGO;
        }
        if (has(tokens, CHROME) && (has(tokens, WEBVIEW) || has(tokens, VERSION))) {
            return BrowserCodes.CHROME_WEBVIEW;
        }
        if (has(tokens, CRIOS)) {
            return BrowserCodes.CHROME_IOS;
        }
        if (has(tokens, YANDEX)) {
            // uap-java's Chrome Mobile needs "Mobile" right after Chrome's version, where Yandex puts its own.
            return BrowserCodes.YANDEX;
        }
        if (has(tokens, CHROME) && mobile) {
            return BrowserCodes.CHROME_MOBILE;
        }
        if (has(tokens, WHALE)) {
            return BrowserCodes.WHALE;
        }
        if (has(tokens, VIVALDI)) {
            return BrowserCodes.VIVALDI;
        }
        if (has(tokens, EDGE)) {
            return BrowserCodes.EDGE;
        }
        if (has(tokens, HEADLESS_CHROME)) {
            return BrowserCodes.HEADLESS_CHROME;
        }
        if (has(tokens, CHROMIUM)) {
            return BrowserCodes.CHROMIUM;
        }
        if (has(tokens, CHROME)) {
            return BrowserCodes.CHROME;
        }
        if (ios) {
            if (has(tokens, GSA) && mobile) {
                return BrowserCodes.GOOGLE;
            }
            if (has(tokens, VERSION)) {
                return has(tokens, SAFARI) ? BrowserCodes.MOBILE_SAFARI : BrowserCodes.SAFARI_WEBVIEW;
            }
            return has(tokens, SAFARI) ? BrowserCodes.MOBILE_SAFARI : BrowserCodes.SAFARI_WEBVIEW;
        }
        if (has(tokens, ANDROID) && has(tokens, VERSION)) {
            return BrowserCodes.ANDROID;
        }
        if (has(tokens, VERSION) && has(tokens, SAFARI)) {
            return BrowserCodes.SAFARI;
        }
        if (has(tokens, MSIE)) {
            return BrowserCodes.IE;
        }
        if (has(tokens, FIREFOX)) {
            return BrowserCodes.FIREFOX;
        }
        if (has(tokens, OPERA)) {
            return BrowserCodes.OPERA;
        }
        return Families.OTHER;
    }
}
