package io.smartlinkd.agent;

/** {@link Families} codes of the OS families the scanner and the device rules name; checked at class load. */
final class OsCodes {
    static final int WINDOWS = code("Windows");
    static final int MAC = code("Mac OS X");
    static final int IOS = code("iOS");
    static final int ANDROID = code("Android");
    static final int LINUX = code("Linux");
    static final int CHROME_OS = code("Chrome OS");
    static final int UBUNTU = code("Ubuntu");
    static final int FEDORA = code("Fedora");
    static final int FREEBSD = code("FreeBSD");
    static final int OPENBSD = code("OpenBSD");
    static final int WINDOWS_PHONE = code("Windows Phone");
    static final int BLACKBERRY = code("BlackBerry OS");
    static final int KAIOS = code("KaiOS");
    static final int TIZEN = code("Tizen");
    static final int WEBOS = code("webOS");
    static final int HARMONY = code("HarmonyOS");
    static final int PLAYSTATION = code("PlayStation");
    static final int XBOX = code("Xbox");
    static final int NINTENDO = code("Nintendo");

    private OsCodes() {
    }

    private static int code(String family) {
        int code = Families.knownOsCode(family);
        if (code < 0) {
            throw new IllegalStateException("OS family missing from Families: " + family);
        }
        return code;
    }
}
