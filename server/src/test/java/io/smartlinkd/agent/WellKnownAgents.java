package io.smartlinkd.agent;

/** User agents of the browsers and bots most traffic comes from, as they send them. */
final class WellKnownAgents {
    static final String IPHONE_SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    static final String IPHONE_CHROME = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1";
    static final String ANDROID_CHROME = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/126.0.0.0 Mobile Safari/537.36";
    static final String ANDROID_WEBVIEW = "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240605.024; wv)"
            + " AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36";
    static final String CUBOT_PHONE = "Mozilla/5.0 (Linux; Android 10; CUBOT_X30) AppleWebKit/537.36 (KHTML, like"
            + " Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";
    static final String UC_BROWSER = "Mozilla/5.0 (Linux; U; Android 10; en-US; RMX2030 Build/QKQ1.200209.002)"
            + " AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/78.0.3904.108 UCBrowser/13.4.0.1306"
            + " Mobile Safari/537.36";
    static final String IPAD_SAFARI = "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML,"
            + " like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    static final String SAMSUNG_TABLET = "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like"
            + " Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Safari/537.36";
    static final String SAMSUNG_TAB_CHROME = "Mozilla/5.0 (Linux; Android 11; SM-T505) AppleWebKit/537.36 (KHTML, like"
            + " Gecko) Chrome/126.0.0.0 Safari/537.36";
    static final String WINDOWS_CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
            + " Gecko) Chrome/126.0.0.0 Safari/537.36";
    static final String WINDOWS_EDGE = WINDOWS_CHROME + " Edg/126.0.2592.68";
    static final String WINDOWS_FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101"
            + " Firefox/127.0";
    static final String MAC_SAFARI = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML,"
            + " like Gecko) Version/17.5 Safari/605.1.15";
    static final String LINUX_CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/126.0.0.0 Safari/537.36";
    static final String UBUNTU_FIREFOX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101"
            + " Firefox/127.0";
    static final String CHROMEBOOK = "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/126.0.0.0 Safari/537.36";

    static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    static final String GOOGLEBOT_SMARTPHONE = "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P)"
            + " AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.126 Mobile Safari/537.36 (compatible;"
            + " Googlebot/2.1; +http://www.google.com/bot.html)";
    static final String BINGBOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)";
    static final String FACEBOOK_UNFURLER = "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)";
    static final String SLACKBOT = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";
    static final String TWITTERBOT = "Twitterbot/1.0";
    static final String CURL = "curl/8.5.0";
    static final String PYTHON_REQUESTS = "python-requests/2.32.3";
    static final String HEADLESS_CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " HeadlessChrome/126.0.0.0 Safari/537.36";

    static final String[] BROWSERS = {IPHONE_SAFARI, IPHONE_CHROME, ANDROID_CHROME, ANDROID_WEBVIEW, CUBOT_PHONE,
        UC_BROWSER, IPAD_SAFARI, SAMSUNG_TABLET, SAMSUNG_TAB_CHROME, WINDOWS_CHROME, WINDOWS_EDGE, WINDOWS_FIREFOX, MAC_SAFARI,
        LINUX_CHROME, UBUNTU_FIREFOX, CHROMEBOOK};
    static final String[] BOTS = {GOOGLEBOT, GOOGLEBOT_SMARTPHONE, BINGBOT, FACEBOOK_UNFURLER, SLACKBOT, TWITTERBOT,
        CURL, PYTHON_REQUESTS, HEADLESS_CHROME};

    private WellKnownAgents() {
    }
}
