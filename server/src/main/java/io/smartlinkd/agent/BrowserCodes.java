package io.smartlinkd.agent;

/** {@link Families} codes of the browser families the scanner names; checked at class load. */
final class BrowserCodes {
    static final int CHROME = code("Chrome");
    static final int CHROME_MOBILE = code("Chrome Mobile");
    static final int CHROME_IOS = code("Chrome Mobile iOS");
    static final int CHROME_WEBVIEW = code("Chrome Mobile WebView");
    static final int CHROMIUM = code("Chromium");
    static final int HEADLESS_CHROME = code("HeadlessChrome");
    static final int FIREFOX = code("Firefox");
    static final int FIREFOX_MOBILE = code("Firefox Mobile");
    static final int FIREFOX_IOS = code("Firefox iOS");
    static final int SAFARI = code("Safari");
    static final int MOBILE_SAFARI = code("Mobile Safari");
    static final int SAFARI_WEBVIEW = code("Mobile Safari UI/WKWebView");
    static final int EDGE = code("Edge");
    static final int EDGE_MOBILE = code("Edge Mobile");
    static final int OPERA = code("Opera");
    static final int OPERA_MOBILE = code("Opera Mobile");
    static final int OPERA_MINI = code("Opera Mini");
    static final int SAMSUNG = code("Samsung Internet");
    static final int UC = code("UC Browser");
    static final int YANDEX = code("Yandex Browser");
    static final int IE = code("IE");
    static final int FACEBOOK = code("Facebook");
    static final int INSTAGRAM = code("Instagram");
    static final int PINTEREST = code("Pinterest");
    static final int SNAPCHAT = code("Snapchat");
    static final int ANDROID = code("Android");
    static final int VIVALDI = code("Vivaldi");
    static final int AMAZON_SILK = code("Amazon Silk");
    static final int MIUI = code("MiuiBrowser");
    static final int WHALE = code("Whale");
    static final int DUCKDUCKGO = code("DuckDuckGo Mobile");
    static final int GOOGLE = code("Google");
    static final int COC_COC = code("Coc Coc");

    private BrowserCodes() {
    }

    private static int code(String family) {
        int code = Families.knownBrowserCode(family);
        if (code < 0) {
            throw new IllegalStateException("browser family missing from Families: " + family);
        }
        return code;
    }
}
