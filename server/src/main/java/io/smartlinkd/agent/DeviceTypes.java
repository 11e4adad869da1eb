package io.smartlinkd.agent;

/**
 * The device type (desktop, mobile, tablet, other) from the OS family and a few facts about the user agent; the
 * same rules serve the full parse and the scanner, so both answer alike. They follow the browsers' own conventions:
 * Android phones send "Mobile" and Android tablets do not; iPads name themselves (iPadOS 13+ in desktop mode claims
 * to be a Mac and is counted as one); spiders are "other".
 */
final class DeviceTypes {
    private DeviceTypes() {
    }

    /**
     * @param ipad    the user agent (or uap's device family) names an iPad
     * @param iphone  it names an iPhone or iPod
     * @param mobile  it contains "mobile" (any case)
     * @param tablet  it contains "tablet" (any case), or uap's device family does
     * @param spider  uap's device family is "Spider"
     */
    static int of(int os, boolean ipad, boolean iphone, boolean mobile, boolean tablet, boolean spider) {
        if (spider) {
            return Families.DEVICE_OTHER;
        }
        if (os == OsCodes.IOS) {
            if (ipad || tablet) {
                return Families.DEVICE_TABLET;
            }
            return Families.DEVICE_MOBILE;
        }
        if (os == OsCodes.ANDROID || os == OsCodes.HARMONY) {
            if (tablet) {
                return Families.DEVICE_TABLET;
            }
            return mobile ? Families.DEVICE_MOBILE : Families.DEVICE_TABLET;
        }
        if (os == OsCodes.WINDOWS_PHONE || os == OsCodes.BLACKBERRY || os == OsCodes.KAIOS || os == OsCodes.TIZEN) {
            return tablet ? Families.DEVICE_TABLET : Families.DEVICE_MOBILE;
        }
        if (os == OsCodes.WINDOWS || os == OsCodes.MAC || os == OsCodes.LINUX || os == OsCodes.CHROME_OS
                || os == OsCodes.UBUNTU || os == OsCodes.FEDORA || os == OsCodes.FREEBSD || os == OsCodes.OPENBSD) {
            return Families.DEVICE_DESKTOP;
        }
        if (tablet) {
            return Families.DEVICE_TABLET;
        }
        return mobile || iphone ? Families.DEVICE_MOBILE : Families.DEVICE_OTHER;
    }
}
