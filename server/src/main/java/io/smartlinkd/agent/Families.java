package io.smartlinkd.agent;

import java.util.Locale;

/**
 * Stable small-int codes for the device types, OS families and browser families stored in click records and
 * matched by routing rules. Codes are part of the journal format: append new names, never renumber. Names are
 * uap-java's family names; anything else is "Other" (code {@link #OTHER}), 0 means not classified.
 */
public final class Families {
    public static final int UNKNOWN = 0;
    public static final int OTHER = 1;

    public static final int DEVICE_DESKTOP = 1;
    public static final int DEVICE_MOBILE = 2;
    public static final int DEVICE_TABLET = 3;
    public static final int DEVICE_OTHER = 4;

    private static final String[] DEVICES = {"unknown", "desktop", "mobile", "tablet", "other"};

    private static final String[] OS = {
        "unknown", "Other", "Windows", "Mac OS X", "iOS", "Android", "Linux", "Chrome OS", "Ubuntu", "Fedora",
        "FreeBSD", "OpenBSD", "NetBSD", "Windows Phone", "BlackBerry OS", "KaiOS", "Tizen", "Symbian OS",
        "Firefox OS", "webOS", "Fuchsia", "HarmonyOS", "iPadOS", "Debian", "Red Hat", "SUSE", "Mint", "Solaris",
        "Windows Mobile", "Sailfish", "Bada", "Mageia", "Gentoo", "Arch Linux", "Slackware", "CentOS", "Kubuntu",
        "PlayStation", "Nintendo", "Xbox", "tvOS", "watchOS", "Maemo", "MeeGo", "Amazon Fire OS",
    };

    private static final String[] BROWSERS = {
        "unknown", "Other", "Chrome", "Chrome Mobile", "Chrome Mobile iOS", "Chrome Mobile WebView", "Firefox",
        "Firefox Mobile", "Firefox iOS", "Safari", "Mobile Safari", "Mobile Safari UI/WKWebView", "Edge",
        "Edge Mobile", "Opera", "Opera Mobile", "Opera Mini", "Samsung Internet", "UC Browser", "Yandex Browser",
        "IE", "IE Mobile", "Facebook", "Instagram", "Android", "Chromium", "Vivaldi", "Brave", "Silk",
        "MiuiBrowser", "HeadlessChrome", "Whale", "DuckDuckGo Mobile", "Pinterest", "Snapchat", "Twitter",
        "LinkedIn", "TikTok", "Line", "WeChat", "Google", "Coc Coc", "QQ Browser", "Baidu Browser", "Sogou Explorer",
        "Puffin", "Amazon Silk", "Electron", "Thunderbird", "Googlebot", "bingbot", "Apple Mail", "Outlook",
        "Yandex Browser Lite", "Opera Touch", "Huawei Browser", "Edge iOS", "Firefox Focus", "Ecosia",
    };

    private Families() {
    }

    public static String deviceName(int code) {
        return code >= 0 && code < DEVICES.length ? DEVICES[code] : "device_" + code;
    }

    /** Device code for a name in {@code desktop, mobile, tablet, other}, case-insensitive; -1 when unknown. */
    public static int deviceCode(String name) {
        return indexOf(DEVICES, name, 1);
    }

    public static String osName(int code) {
        return code >= 0 && code < OS.length ? OS[code] : "os_" + code;
    }

    /** OS code for a uap-java OS family, case-insensitive; {@link #OTHER} when not in the table. */
    public static int osCode(String family) {
        int code = indexOf(OS, family, 1);
        return code < 0 ? OTHER : code;
    }

    /** OS code for a name an admin wrote, or -1 when it is not one of the known families. */
    public static int knownOsCode(String family) {
        return indexOf(OS, family, 1);
    }

    public static String browserName(int code) {
        return code >= 0 && code < BROWSERS.length ? BROWSERS[code] : "browser_" + code;
    }

    /** Browser code for a uap-java user-agent family, case-insensitive; {@link #OTHER} when not in the table. */
    public static int browserCode(String family) {
        int code = indexOf(BROWSERS, family, 1);
        return code < 0 ? OTHER : code;
    }

    /** Browser code for a name an admin wrote, or -1 when it is not one of the known families. */
    public static int knownBrowserCode(String family) {
        return indexOf(BROWSERS, family, 1);
    }

    public static int osCount() {
        return OS.length;
    }

    public static int browserCount() {
        return BROWSERS.length;
    }

    private static int indexOf(String[] names, String name, int from) {
        if (name == null) {
            return -1;
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        for (int i = from; i < names.length; i++) {
            if (names[i].toLowerCase(Locale.ROOT).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }
}
