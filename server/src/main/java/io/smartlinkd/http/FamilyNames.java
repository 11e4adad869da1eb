package io.smartlinkd.http;

import io.smartlinkd.agent.Families;
import java.nio.charset.StandardCharsets;

/** The {@link Families} names as bytes, built once, for the device, OS and browser macros. */
final class FamilyNames {
    private static final byte[][] DEVICES = table(5, Families::deviceName);
    private static final byte[][] OS = table(Families.osCount(), Families::osName);
    private static final byte[][] BROWSERS = table(Families.browserCount(), Families::browserName);

    private FamilyNames() {
    }

    /** The name of a code, or null when unknown (code 0 or out of the table). */
    static byte[] device(int code) {
        return lookup(DEVICES, code);
    }

    static byte[] os(int code) {
        return lookup(OS, code);
    }

    static byte[] browser(int code) {
        return lookup(BROWSERS, code);
    }

    private static byte[] lookup(byte[][] names, int code) {
        return code > 0 && code < names.length ? names[code] : null;
    }

    private static byte[][] table(int size, java.util.function.IntFunction<String> name) {
        byte[][] names = new byte[size][];
        for (int code = 0; code < size; code++) {
            names[code] = name.apply(code).getBytes(StandardCharsets.UTF_8);
        }
        return names;
    }
}
